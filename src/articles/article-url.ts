import normalizeUrl from 'normalize-url';

export const MAX_ARTICLE_URL_LENGTH = 2048;

export class ArticleUrlError extends Error {}

/**
 * The one spelling of an article's address, so a shared link, a link with campaign parameters and
 * the canonical link all reach the same thread: scheme and host lower-cased, default port, fragment
 * and trailing slash dropped, and of the query only the parameters the site says name an article
 * (`articleParameters`, such as WordPress's `p`), sorted. Any other parameter is dropped: a
 * tracking tag, a session id, or a stranger's `?x=1`, `?x=2`… that would otherwise open a new
 * thread each.
 */
export function canonicalArticleUrl(input: string, articleParameters: readonly string[] = []): string {
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
    // An empty list keeps none (normalize-url treats an empty keep list as "keep nothing").
    keepQueryParameters: articleParameters,
    removeTrailingSlash: true,
    removeSingleSlash: true,
    removeExplicitPort: false,
    removeDirectoryIndex: false,
    sortQueryParameters: true,
  });
}
