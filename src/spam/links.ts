/**
 * Links in a comment's text, counted as WordPress counts them for comment_max_links (check_comment):
 * `<a … href` in the text once make_clickable() has turned into links what it would, i.e. the
 * anchors written in it, bare addresses with a scheme WordPress allows (http://, https://, ftp://, …),
 * `www.` and `ftp.` addresses, and email addresses (mailto: links). The Website field never counts.
 * Kolom shows text as typed, escaped; an anchor is not a link on its page, but it is on the
 * spammer's mind, and WordPress counts it.
 */
export function countLinks(text: string): number {
  // Asked twice of every new comment (SpamService for pre-moderation, LinksCheck for the limit), one
  // right after the other: the second asking is answered from the first.
  if (text === lastCounted.text) return lastCounted.links;
  const links = linksIn(text);
  lastCounted = { text, links };
  return links;
}

let lastCounted = { text: '', links: 0 };

function linksIn(text: string): number {
  let links = (text.match(ANCHOR) ?? []).length;
  const pieces = text.split(TAG);
  let verbatim = 0;
  pieces.forEach((piece, index) => {
    // As make_clickable reads each piece, tag or text: one that opens with "<" is left alone
    // (even a broken tag), unless it is an address in angle brackets.
    if (VERBATIM_OPEN.test(piece)) verbatim += 1;
    else if (verbatim > 0 && VERBATIM_CLOSE.test(piece)) verbatim -= 1;
    if (verbatim > 0 || piece === '' || (piece.startsWith('<') && !TAG_HOLDING_ADDRESS.test(piece))) return;
    if (Buffer.byteLength(piece) > LONG_PIECE_BYTES) {
      links += longPieceLinks(piece);
      return;
    }
    const made = linksMadeIn(piece);
    // WordPress then unwraps a link it made that is an anchor's whole text: that one is counted once.
    const wholeAnchorText = made.rest === '' && made.count === 1 && OPEN_ANCHOR.test(pieces[index - 1] ?? '') && CLOSE_ANCHOR.test(pieces[index + 1] ?? '');
    links += wholeAnchorText ? 0 : made.count;
  });
  return links;
}

/**
 * make_clickable() cuts a piece over 10,000 bytes at whitespace into chunks of about 2,100 bytes and
 * links nothing in a run of text too long to fit one (it would cost its regular expressions dearly).
 */
function longPieceLinks(piece: string): number {
  if (!MIGHT_LINK.test(piece)) return 0;
  const runs = piece.match(NOT_SPACE_RUN) ?? [];
  return runs.reduce((sum, run) => sum + (Buffer.byteLength(run) > LONGEST_LINKED_RUN_BYTES ? 0 : linksMadeIn(run).count), 0);
}

const LONG_PIECE_BYTES = 10_000;
const LONGEST_LINKED_RUN_BYTES = 2_100;

/** make_clickable() on one piece of text between tags: its three passes, each on what the last left. */
function linksMadeIn(piece: string): { count: number; rest: string } {
  // Most pieces (and most runs of a long one) hold nothing a pass could link: three replaces and a
  // split on each would make a long comment's count cost milliseconds. `rest` only matters when one
  // link was made.
  if (!MIGHT_LINK.test(piece)) return { count: 0, rest: piece };
  let count = 0;
  const made = (lead: string) => {
    count += 1;
    return `${lead}${MADE}`;
  };
  // Padded with spaces, as WordPress pads it, so an address may start or end the piece.
  let padded = ` ${piece} `;
  padded = padded.replace(SCHEME_URL, (whole, lead: string, url: string, close: string) =>
    ALLOWED_SCHEMES.has(url.slice(0, url.indexOf(':')).toLowerCase()) ? `${made(lead)}${close}` : whole,
  );
  padded = padded.replace(WWW_URL, (_whole, lead: string) => made(lead));
  padded = padded.replace(EMAIL, (_whole, lead: string) => made(lead));
  return { count, rest: padded.slice(1, -1).split(MADE).join('') };
}

/** What stands for a link once made: like WordPress's `<a …>…</a>`, it ends in `>`, which the later passes may follow. */
const MADE = '\u0001>';

/** What each of the three passes needs somewhere in a piece: a scheme's "://", "www." or "ftp.", an "@". */
const MIGHT_LINK = /:\/\/|www\.|ftp\.|@/i;

/** check_comment's count, on the text and on the links made. */
const ANCHOR = /<a [^>]*href/gi;
/** make_clickable's split into tags and text; a "tag" that begins with an address (`<http://…>`) is read as text. */
const TAG = /(<[^<>]+>)/;
const TAG_HOLDING_ADDRESS = /^<\s*\w{1,20}:\/\//;
const VERBATIM_OPEN = /^<(?:code|pre|script|style)[\s>]/i;
const VERBATIM_CLOSE = /^<\/(?:code|pre|script|style)>$/i;
const OPEN_ANCHOR = /^<a(?:[ \r\n\t][^>]*)?>$/i;
const CLOSE_ANCHOR = /^<\/a>$/i;

// PCRE's \s and \w without the u flag: ASCII only, and every byte of a multi-byte character is a URL character.
const SPACE = ' \\t\\n\\v\\f\\r';
const NOT_SPACE_RUN = new RegExp(`[^${SPACE}]+`, 'g');
const URL_CHAR = '\\w\\u0080-\\uffff#%~/@\\[\\]*(+=&$-';
const SCHEME_URL = new RegExp(`([${SPACE}(<.,;:!?])(\\w{1,20}://(?=[^${SPACE}]{1,2000}[${SPACE}])[${URL_CHAR}]*(?:['.,;:!?)][${URL_CHAR}]+)*)(\\)?)`, 'g');
const WWW_URL = new RegExp(`([${SPACE}>])((?:www|ftp)\\.[\\w\\u0080-\\uffff#$%&~/.\\-;:=,?@\\[\\]+]+)`, 'gi');
const EMAIL = new RegExp(`([${SPACE}>])([.0-9a-z_+-]+)@((?:[0-9a-z-]+\\.)+[0-9a-z]{2,})`, 'gi');

/** wp_allowed_protocols(): esc_url() makes no link of any other scheme. */
const ALLOWED_SCHEMES = new Set([
  'http',
  'https',
  'ftp',
  'ftps',
  'mailto',
  'news',
  'irc',
  'irc6',
  'ircs',
  'gopher',
  'nntp',
  'feed',
  'telnet',
  'mms',
  'rtsp',
  'sms',
  'svn',
  'tel',
  'fax',
  'xmpp',
  'webcal',
  'urn',
]);
