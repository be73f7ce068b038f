/**
 * What a comment's links say beyond the domains themselves: the top-level domain (spam runs on the
 * cheap ones), a link shortener or a bare IP address (both hide where the link goes), and how much
 * of the comment is links.
 */

/** The common public shorteners: a reader citing a source links to the source. */
const SHORTENERS = new Set([
  'bit.ly',
  'bitly.com',
  'tinyurl.com',
  'goo.gl',
  't.co',
  'ow.ly',
  'is.gd',
  'buff.ly',
  'rebrand.ly',
  'cutt.ly',
  'shorturl.at',
  'tiny.cc',
  'rb.gy',
  't.ly',
  'bl.ink',
  'lnkd.in',
  'soo.gd',
  's.id',
  'v.gd',
  'qr.ae',
  'adf.ly',
  'shorte.st',
]);
const IP_HOST = /^\d{1,3}(?:\.\d{1,3}){3}(?::\d+)?$/;

/**
 * Tokens for the hosts linked to: `tld:…`, `link:shortener`, `link:ip`, and, for the text's links,
 * `link:many` (4 or more) and `link:dense` (a link for every 10 words or fewer). `prefix` names
 * where the host came from (`website` for the Website field).
 */
export function urlTokens(hosts: string[], words: number, prefix = 'link'): string[] {
  const tokens = new Set<string>();
  for (const raw of hosts) {
    const host = raw.toLowerCase().replace(/\.$/, '');
    if (IP_HOST.test(host)) {
      tokens.add(`${prefix}:ip`);
      continue;
    }
    const bare = host.replace(/:\d+$/, '').replace(/^www\./, '');
    if (SHORTENERS.has(bare)) tokens.add(`${prefix}:shortener`);
    const tld = bare.slice(bare.lastIndexOf('.') + 1);
    if (/^[a-z]{2,24}$/.test(tld)) tokens.add(`${prefix === 'link' ? 'tld' : `${prefix}-tld`}:${tld}`);
  }
  if (prefix === 'link') {
    if (hosts.length >= 4) tokens.add('link:many');
    if (hosts.length * 10 >= words) tokens.add('link:dense');
  }
  return [...tokens];
}
