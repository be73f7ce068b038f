/** A failed call to Kolom's API: status 0 when the network failed, else the server's status and messages. */
export interface ApiError {
  status: number;
  message: string;
  fields: Record<string, string>;
  /** What the client can act on, when the server says (e.g. `password-change-required`). */
  code?: string;
}

export function isApiError(error: unknown): error is ApiError {
  return typeof error === 'object' && error !== null && 'status' in error && 'fields' in error;
}

/**
 * One call to Kolom's API from a browser, shared by the widget and the moderation desk: JSON in
 * and out, no cookies (neither needs them, and a page's cookies are not Kolom's business), and
 * every failure thrown as an ApiError: status 0 when the network failed, else the server's first
 * message and its per-field messages.
 */
export async function requestJson<T>(url: string, method: string, body?: unknown, headers: Record<string, string> = {}, cache?: RequestCache): Promise<T> {
  let response: Response;
  try {
    response = await fetch(url, {
      method,
      headers: { ...(body === undefined ? {} : { 'content-type': 'application/json' }), ...headers },
      body: body === undefined ? undefined : JSON.stringify(body),
      credentials: 'omit',
      ...(cache === undefined ? {} : { cache }),
    });
  } catch {
    throw { status: 0, message: '', fields: {} } satisfies ApiError;
  }
  if (response.status === 204) return undefined as T;
  const json = await response.json().catch(() => ({}));
  if (!response.ok) {
    const message = Array.isArray(json.message) ? json.message[0] : json.message;
    throw {
      status: response.status,
      message: typeof message === 'string' ? message : '',
      fields: json.fields ?? {},
      ...(typeof json.code === 'string' ? { code: json.code } : {}),
    } satisfies ApiError;
  }
  return json as T;
}
