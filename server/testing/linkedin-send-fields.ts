// A recorded LinkedIn send's fields, as the fast path's insertSent takes them (tests).
export function linkedinSendFields(i: number, message = 'm') {
  return {
    channel: 'linkedin' as const,
    recipientName: `P${i}`,
    recipientEmail: null,
    recipientLinkedinUrl: `https://www.linkedin.com/in/p${i}/`,
    jobTitle: null,
    companyName: null,
    jobUrl: null,
    emailSubject: null,
    emailBody: null,
    linkedinMessage: message,
    draftId: null,
  };
}
