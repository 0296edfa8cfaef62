// Browser-side calls of the datasets API: JSON in, JSON out, errors as readable messages.

export interface ApiErrorBody {
  error?: { message?: string; fields?: Record<string, string> };
}

/**
 * The message of an error answer, with the field messages that add to it after it: each once, and
 * none about a field the message already names (such as the columns a dataset lacks).
 */
export function errorMessage(body: ApiErrorBody | null, status: number): string {
  const message = body?.error?.message ?? `The server answered ${status}.`;
  const fields = Object.entries(body?.error?.fields ?? {})
    .filter(([name, text]) => !message.includes(text) && !message.includes(`'${name}'`))
    .map(([, text]) => text);
  return [message, ...new Set(fields)].join(' ');
}

/** fetch + JSON; throws an Error carrying the server's message when the answer is not OK. */
export async function callApi<T>(
  url: string,
  init: { method?: string; body?: unknown } = {},
): Promise<T> {
  const response = await fetch(url, {
    method: init.method ?? 'GET',
    headers: init.body === undefined ? undefined : { 'content-type': 'application/json' },
    body: init.body === undefined ? undefined : JSON.stringify(init.body),
  });
  const body = await response.json().catch(() => null);
  if (!response.ok) throw new Error(errorMessage(body, response.status));
  return body as T;
}
