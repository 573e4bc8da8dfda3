// Who the extension is, to the server. Chrome derives an extension's id from the public key in
// its manifest (`key`), and without one from the folder an unpacked build is loaded from — so
// every user would have another id and the server could not tell the extension from any other.
// With this key every Chrome build has the id below, and the server grants CORS to it alone
// (plus what ALLOWED_EXTENSION_ORIGINS adds). Only the public key is here: loading an unpacked
// build needs no private key. Firefox gives each install a random moz-extension:// UUID, which
// cannot be known in advance.
export const CHROME_MANIFEST_KEY =
  'MIIBIjANBgkqhkiG9w0BAQEFAAOCAQ8AMIIBCgKCAQEAqfBOiyzACXL0hLGqwg44id9+TMliqp0bINCw4uCLsceHimQI80p0dQpSpuFMPz9DSuqY/flmLExALK842dKxnKoTuJr9/sg7LFTYJfdHjR+oV2mVN7IEWv35bADUj1y3yRD/87TyHBgNpmrzaKrRgw86Rnr7Tz/+JE85sXQpVSOh9flGFyS2yfEhEBFXd83wHZDeVr6R832xMcEuFQxiFfu7ZbXAFXRY0jEQZFt7m5Z+F5mhJXKV0p8jyO0/xPGnDzhiNEhxPY7qcpGfG+5+p2bKnB+rswD/iVMg5Ru3v3uuIUMvw77fYp9J82eN3HhMrsD6YzMhzqIzdpW0E6FXdwIDAQAB';

/** sha256 of the key's DER, first 32 hex digits written with a–p (Chrome's rule). */
export const CHROME_EXTENSION_ID = 'pmfmomakibieahndmkgekfjhlklmahon';

export const CHROME_EXTENSION_ORIGIN = `chrome-extension://${CHROME_EXTENSION_ID}`;
