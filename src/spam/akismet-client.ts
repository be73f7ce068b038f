/** Akismet's comment-check protocol (https://akismet.com/developers/detailed-docs/comment-check/). */

export interface AkismetEndpoint {
  /** The REST root, e.g. https://rest.akismet.com. */
  url: string;
  key: string;
  timeoutMs: number;
}

export type AkismetAnswer =
  | { verdict: 'spam'; discard: boolean }
  | { verdict: 'ham' }
  /** A bad key or missing required fields; Akismet says which in X-akismet-debug-help. */
  | { verdict: 'invalid'; debugHelp: string | null };

/** Akismet gave no verdict: it timed out, was unreachable, or answered something unexpected. */
export class AkismetError extends Error {
  constructor(
    message: string,
    readonly timedOut = false,
  ) {
    super(message);
    this.name = 'AkismetError';
  }
}

const USER_AGENT = 'Kolom/0.1 | Akismet/1.0';

/**
 * Asks Akismet about one comment. `fields` are the comment-check parameters other than api_key.
 * The key travels in the form body, never in the URL, so no error message or proxy log carries it.
 */
export async function akismetCommentCheck(endpoint: AkismetEndpoint, fields: Record<string, string>): Promise<AkismetAnswer> {
  let response: Response;
  let body: string;
  try {
    // One signal for the headers and the body: a server that answers slowly byte by byte must
    // not hold the comment any longer than one that never answers.
    const signal = AbortSignal.timeout(endpoint.timeoutMs);
    response = await fetch(`${endpoint.url}/1.1/comment-check`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/x-www-form-urlencoded', 'User-Agent': USER_AGENT },
      body: new URLSearchParams({ api_key: endpoint.key, ...fields }),
      signal,
      redirect: 'error',
    });
    body = (await response.text()).trim();
  } catch (error) {
    const name = (error as { name?: unknown } | null)?.name;
    if (name === 'TimeoutError' || name === 'AbortError') {
      throw new AkismetError(`did not answer within ${endpoint.timeoutMs} ms`, true);
    }
    throw new AkismetError(networkFailure(error));
  }

  if (!response.ok) throw new AkismetError(`HTTP ${response.status}`);
  if (body === 'true') return { verdict: 'spam', discard: response.headers.get('x-akismet-pro-tip')?.trim().toLowerCase() === 'discard' };
  if (body === 'false') return { verdict: 'ham' };
  if (body === 'invalid') return { verdict: 'invalid', debugHelp: printable(response.headers.get('x-akismet-debug-help'), endpoint.key) };
  const shown = printable(body, endpoint.key);
  throw new AkismetError(shown ? `unexpected answer "${shown}"` : 'empty answer');
}

/**
 * undici hides the cause (ECONNREFUSED, ENOTFOUND…) behind a bare "fetch failed". Duck-typed, not
 * instanceof: fetch's errors may come from another realm (jest's VM contexts) than this module's Error.
 */
function networkFailure(error: unknown): string {
  const failure = error as { message?: unknown; cause?: { code?: unknown; message?: unknown } } | null;
  if (typeof failure?.cause?.code === 'string') return failure.cause.code;
  if (typeof failure?.cause?.message === 'string') return failure.cause.message;
  return typeof failure?.message === 'string' ? failure.message : String(error);
}

/**
 * Text from the other end goes into moderators' reasons and the log: one short line, and never
 * the key, whatever a misbehaving server or proxy echoes back.
 */
function printable(text: string | null, key: string): string | null {
  if (text === null) return null;
  const line = text.split(key).join('…').replace(/\s+/g, ' ').trim();
  if (line === '') return null;
  return line.length > 80 ? `${line.slice(0, 79)}…` : line;
}
