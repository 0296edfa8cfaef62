// How a failed login travels from the server's `authorize` to the login form, and back.
// next-auth passes only an error *string* to the client, so the error is sent as JSON inside it.

/** What the login form shows: a message per field, or one for the whole form. */
export interface LoginFailure {
  code: string;
  message: string;
  fields?: Record<string, string>;
}

/** Encodes a failure as the Error message `authorize` throws. */
export function encodeLoginFailure(failure: LoginFailure): string {
  return JSON.stringify(failure);
}

/** Decodes next-auth's `error` string; anything else (a next-auth code) becomes a generic failure. */
export function decodeLoginFailure(error: string): LoginFailure {
  try {
    const parsed = JSON.parse(error) as Partial<LoginFailure>;
    if (typeof parsed.code === 'string' && typeof parsed.message === 'string') {
      return { code: parsed.code, message: parsed.message, fields: parsed.fields };
    }
  } catch {
    // Not ours: fall through.
  }
  return { code: 'INTERNAL', message: 'We could not log you in. Please try again.' };
}
