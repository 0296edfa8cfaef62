// The session cookie's name, which next-auth derives from whether the app is served over https.

/**
 * next-auth prefixes its cookies with `__Secure-` (browsers then accept them only over https) when
 * NEXTAUTH_URL starts with https://, and uses the bare name otherwise (plain-http self-hosting).
 * The auth options, the proxy and `getSessionUser` must all agree, so they all ask this function.
 */
export function usesSecureCookies(): boolean {
  return process.env.NEXTAUTH_URL?.startsWith('https://') ?? false;
}

/** `next-auth.session-token`, or `__Secure-next-auth.session-token` over https. */
export function sessionCookieName(): string {
  return `${usesSecureCookies() ? '__Secure-' : ''}next-auth.session-token`;
}

/** Parses a Cookie header (`a=1; b=2`) into name → value; malformed pairs are skipped. */
export function parseCookieHeader(header: string | null): Record<string, string> {
  const cookies: Record<string, string> = {};
  for (const pair of (header ?? '').split(';')) {
    const at = pair.indexOf('=');
    if (at <= 0) continue;
    const name = pair.slice(0, at).trim();
    const value = pair.slice(at + 1).trim();
    try {
      cookies[name] = decodeURIComponent(value);
    } catch {
      cookies[name] = value;
    }
  }
  return cookies;
}
