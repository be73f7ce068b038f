import type { Request, Response } from 'express';
import { type ContentCoding, MIN_COMPRESSED_BYTES, type ServedThreadPage } from './served-page.js';

/**
 * A cached copy may be served stale this long while the cache asks again: an open page is
 * completed by its live room meanwhile (joining with the page's lastEventId replays what it lacks).
 */
const STALE_WHILE_REVALIDATE_SECONDS = 30;

/** Cache-Control of thread pages: public, short (THREAD_MAX_AGE), and usable stale while revalidating. */
export function threadCacheControl(maxAgeSeconds: number): string {
  return maxAgeSeconds === 0 ? 'public, no-cache' : `public, max-age=${maxAgeSeconds}, stale-while-revalidate=${STALE_WHILE_REVALIDATE_SECONDS}`;
}

/** Codings chosen per Accept-Encoding value: browsers send a handful of distinct ones. */
const chosenCodings = new Map<string, ContentCoding>();

/** Brotli whenever the reader takes it (smaller than gzip), else gzip, else none. */
function codingFor(request: Request): ContentCoding {
  const header = request.headers['accept-encoding'] ?? '';
  let coding = chosenCodings.get(header);
  if (coding === undefined) {
    coding = request.acceptsEncodings('br') === 'br' ? 'br' : request.acceptsEncodings('gzip') === 'gzip' ? 'gzip' : 'identity';
    if (chosenCodings.size >= 256) chosenCodings.clear();
    chosenCodings.set(header, coding);
  }
  return coding;
}

/**
 * Answers a thread page: 304 when If-None-Match names it, else its bytes in the best coding the
 * reader accepts (brotli, gzip, or none), with the headers a browser, proxy or CDN needs to keep it.
 */
export async function answerThreadPage(request: Request, response: Response, page: ServedThreadPage, cacheControl: string): Promise<void> {
  const coding = page.body.length >= MIN_COMPRESSED_BYTES ? codingFor(request) : 'identity';
  response.setHeader('Cache-Control', cacheControl);
  response.setHeader('ETag', page.etag(coding));
  response.vary('Accept-Encoding');
  response.setHeader('Surrogate-Key', page.surrogateKeys.join(' '));
  response.setHeader('Cache-Tag', page.surrogateKeys.join(','));
  if (page.matches(request.headers['if-none-match'])) {
    response.statusCode = 304;
    response.end();
    return;
  }
  const body = await page.bytes(coding);
  response.statusCode = 200;
  response.setHeader('Content-Type', 'application/json; charset=utf-8');
  if (coding !== 'identity') response.setHeader('Content-Encoding', coding);
  response.setHeader('Content-Length', body.length);
  response.end(body);
}
