import { parse } from 'node:querystring';

/** Query parameters that may hold an email or a reader's words (moderators search by them), or an emailed link's capability. */
const PRIVATE_PARAMETERS = new Set(['email', 'q', 'token']);

/**
 * The request URL as the log shows it: the query is decoded with the parser Express itself uses
 * (node:querystring, Express 5's "simple" parser) before the private values are hidden, so a key
 * written `%65mail` is hidden exactly when the controller reads it as `email`.
 */
export function loggedUrl(url: string): string {
  const mark = url.indexOf('?');
  if (mark === -1) return url;
  const query = parse(url.slice(mark + 1));
  const shown = Object.entries(query).flatMap(([key, values]) =>
    [values ?? '']
      .flat()
      .map((value) => `${encodeURIComponent(key)}=${PRIVATE_PARAMETERS.has(key.trim().toLowerCase()) ? '[hidden]' : encodeURIComponent(value)}`),
  );
  return `${url.slice(0, mark)}?${shown.join('&')}`;
}
