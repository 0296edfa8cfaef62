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

/** Wraps a route handler: AppError -> JSON ErrorBody with its status; anything else -> logged, 500. */
export function apiRoute<C>(
  handler: (request: Request, context: C) => Promise<Response>,
): (request: Request, context: C) => Promise<Response> {
  return async (request, context) => {
    try {
      return await handler(request, context);
    } catch (error) {
      return errorResponse(error, request);
    }
  };
}

/** Reads a JSON body; a missing or malformed body is the client's error (400), not ours. */
export async function readJson(request: Request): Promise<unknown> {
  try {
    return await request.json();
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
