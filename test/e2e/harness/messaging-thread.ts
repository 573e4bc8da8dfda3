// The conversation in test/fixtures/linkedin/messaging_thread.html: where the tests serve it, who
// the user talks to there, and the e-mail the journeys send her beside the LinkedIn message.
export const THREAD_PATH = '/messaging/thread/2-ZjRkNmMxYjAtN2E1OS00YzQ2LWE5ZDMtM2I4ZTFhNzI2YzU1XzEwMA==/';
export const THREAD_URL = `https://www.linkedin.com${THREAD_PATH}`;
export const THREAD_PARTNER = 'Ingrid Solberg';
/** not on the page: the user types it */
export const PARTNER_EMAIL = 'ingrid.solberg@vesper.example';
export const EMAIL_TO_PARTNER = {
  to: PARTNER_EMAIL,
  subject: 'The Staff Software Engineer, Perception role',
  body: 'Hi Ingrid,\n\nI would love to talk about the Perception role.\n\nMorgan',
};
