/** A JSON API call from the browser: the answer's body, or the error's code and field messages. */
export type ApiAnswer<T> = { ok: true; data: T } | { ok: false; status: number; code: string; fields?: Record<string, string> };

export async function apiCall<T = unknown>(method: string, path: string, body?: unknown): Promise<ApiAnswer<T>> {
  try {
    const response = await fetch(path, {
      method,
      headers: body === undefined ? {} : { 'content-type': 'application/json' },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    const json = await response.json().catch(() => null);
    if (response.ok) return { ok: true, data: json as T };
    return { ok: false, status: response.status, code: json?.error?.code ?? 'failed', fields: json?.error?.fields };
  } catch {
    return { ok: false, status: 0, code: 'offline' };
  }
}
