// HTTP client side of the load and fuzz scripts: accounts with real sessions (register, then log
// in through next-auth's credentials callback), multipart uploads and JSON calls. Requests carry
// no Origin header, as scripts do; the app refuses state changes from another site's Origin.

/** A registered user and the Cookie header of its session. */
export interface Account {
  email: string;
  password: string;
  cookie: string;
}

/** `name=value` pairs of a response's Set-Cookie headers, joined as a Cookie header. */
function cookiesOf(response: Response): string {
  return response.headers
    .getSetCookie()
    .map((line) => line.split(';')[0])
    .join('; ');
}

/** Registers a new account, then logs in with next-auth's CSRF token; throws naming the step. */
export async function createAccount(baseUrl: string, label: string): Promise<Account> {
  const email = `${label}-${Date.now()}-${Math.floor(Math.random() * 1e6)}@example.test`;
  const password = 'a long bench password';
  const registered = await fetch(`${baseUrl}/api/register`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ name: label, email, password }),
  });
  if (registered.status !== 201) {
    throw new Error(`register ${email}: ${registered.status} ${await registered.text()}`);
  }

  const csrf = await fetch(`${baseUrl}/api/auth/csrf`);
  const { csrfToken } = (await csrf.json()) as { csrfToken: string };
  const login = await fetch(`${baseUrl}/api/auth/callback/credentials`, {
    method: 'POST',
    redirect: 'manual',
    headers: { 'content-type': 'application/x-www-form-urlencoded', cookie: cookiesOf(csrf) },
    body: new URLSearchParams({ csrfToken, email, password, json: 'true' }),
  });
  const session = login.headers
    .getSetCookie()
    .map((line) => line.split(';')[0])
    .find((pair) => pair.startsWith('next-auth.session-token='));
  if (!session) throw new Error(`log in ${email}: ${login.status}, no session cookie`);
  return { email, password, cookie: session };
}

/** A multipart/form-data body as a browser builds it: text fields, then `file`. */
export function multipartBody(
  file: Uint8Array,
  fileName: string,
  fields: Record<string, string> = {},
): { contentType: string; body: Buffer } {
  const boundary = `----cidra${Math.random().toString(16).slice(2)}${Date.now()}`;
  const parts: Buffer[] = [];
  for (const [name, value] of Object.entries(fields)) {
    parts.push(
      Buffer.from(
        `--${boundary}\r\nContent-Disposition: form-data; name="${name}"\r\n\r\n${value}\r\n`,
      ),
    );
  }
  const safeName = fileName.replace(/["\r\n]/g, '_');
  parts.push(
    Buffer.from(
      `--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="${safeName}"\r\n` +
        'Content-Type: text/csv\r\n\r\n',
    ),
    Buffer.from(file),
    Buffer.from(`\r\n--${boundary}--\r\n`),
  );
  return { contentType: `multipart/form-data; boundary=${boundary}`, body: Buffer.concat(parts) };
}

/** What one request got: status (0 = no answer), parsed JSON body if any, time taken. */
export interface Answer {
  status: number;
  body: unknown;
  ms: number;
  /** Why there was no answer (connection refused, timeout), or why the body was not JSON. */
  failure?: string;
}

/** One request with a timeout; never throws. */
export async function call(
  url: string,
  init: RequestInit & { timeoutMs?: number } = {},
): Promise<Answer> {
  const began = performance.now();
  try {
    const response = await fetch(url, {
      ...init,
      signal: AbortSignal.timeout(init.timeoutMs ?? 60_000),
    });
    const text = await response.text();
    const ms = performance.now() - began;
    try {
      return { status: response.status, body: JSON.parse(text), ms };
    } catch {
      return { status: response.status, body: text.slice(0, 200), ms, failure: 'not JSON' };
    }
  } catch (error) {
    const cause = (error as Error & { cause?: Error }).cause;
    const reason = (error as Error).name === 'TimeoutError' ? 'timeout' : (cause ?? error);
    return { status: 0, body: null, ms: performance.now() - began, failure: String(reason) };
  }
}

/** The `error.message` of an API error body, if it has one. */
export function errorMessage(body: unknown): string | undefined {
  const message = (body as { error?: { message?: unknown } } | null)?.error?.message;
  return typeof message === 'string' && message.trim() ? message : undefined;
}
