// Browser-side calls of the datasets API: JSON in, JSON out, errors as readable messages.

export interface ApiErrorBody {
  error?: { message?: string; fields?: Record<string, string> };
}

/** The message of an error answer, with its field messages after it. */
export function errorMessage(body: ApiErrorBody | null, status: number): string {
  const message = body?.error?.message ?? `The server answered ${status}.`;
  const fields = Object.values(body?.error?.fields ?? {}).filter((m) => !message.includes(m));
  return [message, ...fields].join(' ');
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
