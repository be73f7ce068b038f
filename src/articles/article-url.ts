import normalizeUrl from 'normalize-url';

/** Query parameters that mark where a reader came from, never which article they read. */
const TRACKING_PARAMETERS: Array<RegExp | string> = [
  /^utm_\w+$/i,
  'fbclid',
  'gclid',
  'dclid',
  'gbraid',
  'wbraid',
  'msclkid',
  'yclid',
  'twclid',
  'igshid',
  'mc_cid',
  'mc_eid',
  '_ga',
  '_gl',
  'ocid',
  'cmpid',
  'ncid',
];

export const MAX_ARTICLE_URL_LENGTH = 2048;

export class ArticleUrlError extends Error {}

/**
 * The one spelling of an article's address, so a shared link, a link with campaign parameters and
 * the canonical link all reach the same thread: scheme and host lower-cased, default port, fragment,
 * trailing slash and tracking parameters dropped, the remaining parameters sorted.
 */
export function canonicalArticleUrl(input: string): string {
  const trimmed = input.trim();
  if (trimmed.length > MAX_ARTICLE_URL_LENGTH) {
    throw new ArticleUrlError(`The article URL is longer than ${MAX_ARTICLE_URL_LENGTH} characters.`);
  }
  let parsed: URL;
  try {
    parsed = new URL(trimmed);
  } catch {
    throw new ArticleUrlError('The article URL must be an absolute http(s) URL, e.g. https://news.example.com/story.');
  }
  if (parsed.protocol !== 'http:' && parsed.protocol !== 'https:') {
    throw new ArticleUrlError('The article URL must be an absolute http(s) URL, e.g. https://news.example.com/story.');
  }
  return normalizeUrl(trimmed, {
    normalizeProtocol: false,
    stripAuthentication: true,
    stripHash: true,
    stripWWW: false,
    removeQueryParameters: TRACKING_PARAMETERS,
    removeTrailingSlash: true,
    removeSingleSlash: true,
    removeExplicitPort: false,
    removeDirectoryIndex: false,
    sortQueryParameters: true,
  });
}
