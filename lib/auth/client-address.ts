// The client's network address, as far as the server can know it, for per-address rate limits.

type HeaderSource = Headers | Record<string, string | string[] | undefined>;

function header(headers: HeaderSource, name: string): string | undefined {
  if (headers instanceof Headers) return headers.get(name) ?? undefined;
  const value = headers[name];
  return Array.isArray(value) ? value[0] : value;
}

/**
 * The first address of X-Forwarded-For, else X-Real-IP, else null. `next start` fills
 * X-Forwarded-For with the socket's address only when the request lacks one, so a client talking
 * to Next directly can choose its own: the per-address limit is then advisory, and the per-email
 * limit is what holds. Behind a reverse proxy that sets the header, the address is the real one.
 */
export function clientAddress(headers: HeaderSource): string | null {
  const forwarded = header(headers, 'x-forwarded-for')?.split(',')[0]?.trim();
  const address = forwarded || header(headers, 'x-real-ip')?.trim();
  return address ? address.slice(0, 100) : null;
}
