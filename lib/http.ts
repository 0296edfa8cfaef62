// Route-handler plumbing: one wrapper that turns thrown errors into JSON answers, and a JSON helper.
import type { z } from 'zod';
import { AppError, toAppError, type ErrorBody } from './errors';
import { log } from './log';

/** A JSON response; `init` may set the status and extra headers. */
export function json(data: unknown, init: ResponseInit = {}): Response {
  const headers = new Headers(init.headers);
  headers.set('content-type', 'application/json; charset=utf-8');
  // API answers carry private data: never let a shared cache keep them.
  if (!headers.has('cache-control')) headers.set('cache-control', 'no-store');
  return new Response(JSON.stringify(data), { ...init, headers });
}

/** The JSON answer for an error; unknown errors are logged with their cause and become a plain 500. */
export function errorResponse(error: unknown, request?: Request): Response {
  const appError = toAppError(error);
  if (!(error instanceof AppError)) {
    log.error('Unhandled error in route handler', {
      error,
      method: request?.method,
      path: request ? new URL(request.url).pathname : undefined,
    });
  } else if (appError.status >= 500) {
    log.error(appError.message, { error: appError, code: appError.code });
  }
  const body: ErrorBody = {
    error: { code: appError.code, message: appError.message, fields: appError.fields },
  };
  return json(body, { status: appError.status });
}

const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);

/**
 * Refuses a state-changing request that a browser sent from another site (cross-site request
 * forgery): browsers name the page's origin in `Origin` on every such request, and mark it in
 * `Sec-Fetch-Site`. Requests without either (curl, scripts with an API token) carry no ambient
 * cookies a forger could borrow, so they pass. Behind a proxy, `X-Forwarded-Host` names the host.
 */
export function assertSameOrigin(request: Request): void {
  if (SAFE_METHODS.has(request.method)) return;
  const site = request.headers.get('sec-fetch-site');
  const origin = request.headers.get('origin');
  const host = request.headers.get('x-forwarded-host') ?? request.headers.get('host');
  let crossOrigin = site === 'cross-site' || site === 'same-site';
  if (origin !== null && host !== null) {
    try {
      crossOrigin ||= new URL(origin).host !== host;
    } catch {
      crossOrigin = true; // "null" (sandboxed frames, file://) or garbage: not our page.
    }
  }
  if (crossOrigin) {
    throw new AppError('FORBIDDEN', 'This request came from another site and was refused.');
  }
}

/**
 * Wraps a route handler: refuses cross-site state changes (403), then AppError -> JSON ErrorBody
 * with its status; anything else -> logged, 500.
 */
export function apiRoute<C>(
  handler: (request: Request, context: C) => Promise<Response>,
): (request: Request, context: C) => Promise<Response> {
  return async (request, context) => {
    try {
      assertSameOrigin(request);
      return await handler(request, context);
    } catch (error) {
      return errorResponse(error, request);
    }
  };
}

/** Default cap on JSON bodies, in bytes: forms and settings, never files. */
export const JSON_BODY_MAX_BYTES = 64 * 1024;

/** The body as text, refusing (413) more than `maxBytes` without buffering the excess. */
async function readCapped(request: Request, maxBytes: number): Promise<string> {
  const tooLarge = () =>
    new AppError('PAYLOAD_TOO_LARGE', `The request body is larger than ${maxBytes} bytes.`);
  if (Number(request.headers.get('content-length') ?? 0) > maxBytes) throw tooLarge();
  if (!request.body) return '';

  // The header may be absent (chunked) or wrong, so the stream itself is counted too.
  const reader = request.body.getReader();
  const chunks: Uint8Array[] = [];
  let sizeBytes = 0;
  for (let chunk = await reader.read(); !chunk.done; chunk = await reader.read()) {
    sizeBytes += chunk.value.byteLength;
    if (sizeBytes > maxBytes) {
      await reader.cancel();
      throw tooLarge();
    }
    chunks.push(chunk.value);
  }
  return Buffer.concat(chunks).toString('utf8');
}

/** Reads a JSON body of at most `maxBytes`; a malformed body is the client's error (400). */
export async function readJson(
  request: Request,
  maxBytes: number = JSON_BODY_MAX_BYTES,
): Promise<unknown> {
  const text = await readCapped(request, maxBytes);
  try {
    return JSON.parse(text);
  } catch (cause) {
    throw new AppError('VALIDATION', 'The request body must be JSON.', { cause });
  }
}

/** The first message per field of a zod error, keyed by the field's path (`email`, `rows.3.x`). */
export function fieldErrors(error: z.ZodError): Record<string, string> {
  const fields: Record<string, string> = {};
  for (const issue of error.issues) {
    const key = issue.path.join('.') || 'form';
    fields[key] ??= issue.message;
  }
  return fields;
}

/** Validates `data` with `schema`; failure is a 400 naming each bad field. */
export function parseInput<S extends z.ZodType>(schema: S, data: unknown): z.output<S> {
  const parsed = schema.safeParse(data);
  if (!parsed.success) {
    throw new AppError('VALIDATION', 'Please correct the highlighted fields.', {
      fields: fieldErrors(parsed.error),
    });
  }
  return parsed.data;
}
