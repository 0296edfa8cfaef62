// Browser-side calls of the Models API that need more than callApi: field errors, multipart.
import { errorMessage, type ApiErrorBody } from '@/components/datasets/api';

/** A failed answer split into messages per field and one for the whole form. */
export interface FormErrors {
  fields: Record<string, string>;
  form?: string;
}

/** Turns an error answer into field messages (for `knownFields`) and a form message for the rest. */
export function formErrors(
  body: ApiErrorBody | null,
  status: number,
  knownFields: readonly string[],
): FormErrors {
  const all = body?.error?.fields ?? {};
  const fields: Record<string, string> = {};
  const others: string[] = [];
  for (const [key, message] of Object.entries(all)) {
    if (knownFields.includes(key)) fields[key] = message;
    else others.push(message);
  }
  const hasFields = Object.keys(fields).length > 0;
  // With field errors shown in place, the form-level line only adds what is not on a field.
  const form =
    hasFields && others.length === 0
      ? undefined
      : hasFields
        ? others.join(' ')
        : errorMessage(body, status);
  return { fields, form };
}

/** POST/PATCH JSON; resolves with the status and parsed body (null when not JSON). */
export async function sendJson(
  url: string,
  method: string,
  data: unknown,
): Promise<{ ok: boolean; status: number; body: unknown }> {
  const response = await fetch(url, {
    method,
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(data),
  });
  const body = await response.json().catch(() => null);
  return { ok: response.ok, status: response.status, body };
}

/**
 * GET JSON like callApi, plus how far the server's clock is ahead of the browser's (from the
 * Date header, to the second; 0 without one), so elapsed times do not depend on the user's clock.
 */
export async function getWithClock<T>(url: string): Promise<{ body: T; clockOffsetMs: number }> {
  const response = await fetch(url);
  const body = await response.json().catch(() => null);
  if (!response.ok) throw new Error(errorMessage(body, response.status));
  const date = Date.parse(response.headers?.get?.('date') ?? '');
  // The header has whole seconds: offsets under a second are noise.
  const offset = Number.isFinite(date) ? date - Date.now() : 0;
  return { body: body as T, clockOffsetMs: Math.abs(offset) < 1500 ? 0 : offset };
}
