import { readerTokens } from './storage.js';

const FRAGMENT = '#kolom-reader=';
/** What Kolom's tokens are made of (base64url parts joined by dots) and as long as the API takes them; anything else is not ours. */
const TOKEN = /^[A-Za-z0-9_.-]{1,400}$/;

/**
 * The way back from Kolom's confirmation page: it sends the reader to the article with
 * `#kolom-reader=<token>`. The token is kept for this site and the fragment leaves the address bar
 * at once, so it is not bookmarked, shared with the article's link, or left in the page's history.
 * Answers whether a reader token arrived (the widget then says the address is confirmed).
 */
export function takeReaderToken(site: string): boolean {
  if (!location.hash.startsWith(FRAGMENT)) return false;
  const token = location.hash.slice(FRAGMENT.length);
  history.replaceState(history.state, '', location.pathname + location.search);
  if (!TOKEN.test(token)) return false;
  readerTokens.set(site, token);
  return true;
}
