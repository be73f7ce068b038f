/**
 * Kolom's HTTP API as the tests speak it: one request function, whether the app runs in this
 * process (startKolom) or as a server process, and answers typed by the server's own shapes.
 */

export interface HttpAnswer<T> {
  status: number;
  body: T;
  headers: Headers;
}

/** What Kolom answers when it refuses a request; a 400 from the validation pipe names each field at fault. */
export interface Refusal {
  statusCode: number;
  error?: string;
  message: string | string[];
  fields?: Record<string, string>;
  /** Seconds to wait, on a 429 for too many reports. */
  retryAfter?: number;
  /** What a client can act on, e.g. `password-change-required` on a moderation route's 403. */
  code?: string;
}

/**
 * What a route answers: its own shape when it succeeds, a refusal otherwise. A test checks the
 * status before it reads the body, so one type serves both outcomes.
 */
export type Answer<T> = HttpAnswer<T & Partial<Refusal>>;

/** The body of a 204. */
export type NoContent = '';

export interface KolomHttp {
  request<T = unknown>(method: string, path: string, body?: unknown, headers?: Record<string, string>): Promise<HttpAnswer<T>>;
}

export type QueryValue = string | number | boolean | null | undefined;
/** Query parameters; an undefined value leaves its parameter out. */
export type Query = Record<string, QueryValue>;

export function withQuery(path: string, query: Query = {}): string {
  const search = new URLSearchParams();
  for (const [name, value] of Object.entries(query)) if (value !== undefined) search.append(name, String(value));
  const text = search.toString();
  return text ? `${path}?${text}` : path;
}

/** Talks to the Kolom at baseUrl; `heard` sees every answer (startKolom keeps them for the private-data walk). */
export function httpTo(baseUrl: string, heard?: (method: string, path: string, body: unknown) => void): KolomHttp {
  return {
    async request(method, path, body, headers = {}) {
      const response = await fetch(baseUrl + path, {
        method,
        headers: { ...(body === undefined ? {} : { 'content-type': 'application/json' }), ...headers },
        body: body === undefined ? undefined : typeof body === 'string' ? body : JSON.stringify(body),
      });
      const text = await response.text();
      const parsed = text && response.headers.get('content-type')?.includes('json') ? JSON.parse(text) : text;
      heard?.(method, path, parsed);
      return { status: response.status, body: parsed, headers: response.headers };
    },
  };
}

/** Fails the test unless the answer has this status, showing the body when it does not (a refusal's message). */
export function expectStatus<A extends HttpAnswer<unknown>>(answer: A, status: number): A {
  expect({ status: answer.status, body: answer.body }).toMatchObject({ status });
  return answer;
}
