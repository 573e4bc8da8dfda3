// Limits the server enforces and the extension's client respects.

/** Calls one HTTP batch may carry (the server refuses a longer one whole with BAD_REQUEST). */
export const MAX_BATCH_SIZE = 50;
