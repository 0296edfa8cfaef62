// Account rules shared by the server and the forms (this file must stay free of server imports).

/** Minimum password length, in characters. */
export const MIN_PASSWORD_LENGTH = 8;
