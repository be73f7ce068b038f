/**
 * A raw mail (headers and MIME body) as the comment form would have received it: an author from
 * the From header and the text a person would have typed.
 *
 * Transfer encodings are undone (quoted-printable, base64) and HTML is reduced to its text with the
 * link URLs kept, because a comment never carries "=3D", soft line breaks or markup: left in, they
 * would teach the model mail artefacts that mark spam here for reasons no comment will ever have.
 * Nothing fancier: no charset tables beyond UTF-8 and Latin-1, no RFC 2047 names, no attachments.
 *
 * A comment is what a reader typed into the form; a mail also carries parts that a comment form
 * never would, added by the mail program, the list server or the list host. Left in, they skew both
 * halves of the evaluation: the links check counts their URLs (the corpus's ham is mailing-list
 * mail, so nearly every ham mail ends in a footer with one or two links and would be held at the
 * default maxLinks 2), and the model learns list boilerplate rather than what people write. So each
 * text part (plain, or HTML reduced to text) loses, in this order:
 *
 * - Quoted text of earlier mails: every line starting with ">" (after optional spaces; also
 *   Supercite's "DQ>" initials), and the attribution lines introducing quotes: a line of at most
 *   MAX_ATTRIBUTION_CHARS ending in "wrote:" or "writes:" ("On … wrote:", "… writes:", "… said:";
 *   wherever it stands, as the quote under it often lost its ">" marks), "Quoting …:" before a
 *   quote, and the "On …" line before "… wrote:" when the attribution wraps onto two lines. A
 *   comment form has no quoting: a reader replying to a comment writes only the reply. A mail that is nothing but
 *   quoted lines (some spam dresses up as a reply that way) keeps them: they are all it says.
 * - Outlook's unmarked quote: "-----Original Message-----" / "----- Original Message -----" and
 *   everything after it, the earlier mail quoted without ">" (same reason).
 * - The signature: everything after a line that is exactly "-- " or "--" (the signature
 *   delimiter; "- --" in PGP-signed text, which escapes leading dashes). A comment form has no
 *   signature; its author is the name and email fields. Some list servers (the ILUG lists) put
 *   their footer after "--" too, which this drops as well.
 * - PGP armour: the "-----BEGIN PGP SIGNED MESSAGE-----" and "Hash:" lines and the signature block
 *   ("-----BEGIN PGP SIGNATURE-----" to "-----END PGP SIGNATURE-----"), added by the mail program.
 * - Mailing-list footers: from a rule line of 5 or more underscores, dashes or equals signs whose
 *   next few lines are list boilerplate ("mailing list", "unsubscribe", "subscribed", "http://lists.",
 *   "listinfo", "Sponsored by", "Yahoo! Groups"), a "Yahoo! Groups Sponsor" block, a "To
 *   unsubscribe …" line, a "Your use of Yahoo! Groups is subject to" line or a line that is only a
 *   list's ".../listinfo/..." address (FoRK's whole footer), to the end of the part. The list server
 *   or newsletter host stamps these on every post; no reader types them.
 *
 * The two cuts to the end (signature, unmarked quote) only apply when some text comes before them,
 * so a mail that is nothing but a forwarded message keeps it; the footer cut only applies when at
 * most MAX_FOOTER_LINES lines are left from its start, so a rule line mid-text never swallows the
 * message. The rules look at the text only, never at the label: spam and ham lose the same parts
 * (spam sent to a list carries the same footers). Links the sender wrote in their own text stay,
 * so the links check still sees what a commenter posting that text would have posted.
 */
import { FORM_LIMITS } from '../../src/threads/form-messages.js';

export interface MailComment {
  authorName: string;
  authorEmail: string;
  body: string;
}

type Headers = Map<string, string>;

/** Deep enough for any real mail; a malformed one must not recurse forever. */
const MAX_MIME_DEPTH = 5;

export function mailToComment(raw: string, fallbackLocalPart: string): MailComment {
  const { headers, body } = splitMessage(raw.replace(/\r\n?/g, '\n'));
  const { name, email } = parseFrom(headers.get('from') ?? '', fallbackLocalPart);
  const text = textOf(headers, body, 0)
    .replace(/[ \t\f\v\u00a0]+/g, ' ')
    .replace(/ *\n */g, '\n')
    .replace(/\n{3,}/g, '\n\n')
    .trim();
  return { authorName: name.slice(0, FORM_LIMITS.name), authorEmail: email.slice(0, FORM_LIMITS.email), body: text.slice(0, FORM_LIMITS.body) };
}

function splitMessage(message: string): { headers: Headers; body: string } {
  const end = message.indexOf('\n\n');
  let head = end === -1 ? message : message.slice(0, end);
  const body = end === -1 ? '' : message.slice(end + 2);
  // The corpus is stored in mbox form: its "From sender date" envelope line is not a header.
  if (head.startsWith('From ')) head = head.slice(head.indexOf('\n') + 1);
  const headers: Headers = new Map();
  for (const line of head.replace(/\n[ \t]+/g, ' ').split('\n')) {
    const colon = line.indexOf(':');
    if (colon <= 0) continue;
    const name = line.slice(0, colon).trim().toLowerCase();
    // The first one wins: later duplicates are usually relays' additions.
    if (!headers.has(name)) headers.set(name, line.slice(colon + 1).trim());
  }
  return { headers, body };
}

function parseFrom(from: string, fallbackLocalPart: string): { name: string; email: string } {
  const angle = /<([^<>\s]+@[^<>\s]+)>/.exec(from);
  const bare = /[^\s<>()"',;:]+@[^\s<>()"',;:]+\.[^\s<>()"',;:]+/.exec(from);
  const email = (angle?.[1] ?? bare?.[0] ?? `${fallbackLocalPart}@example.invalid`).toLowerCase();
  let name = angle ? from.replace(angle[0], '') : (/\(([^)]*)\)/.exec(from)?.[1] ?? '');
  name = name.replace(/^[\s"']+|[\s"']+$/g, '').replace(/\s+/g, ' ');
  // The form requires a name: a bare address gives its mailbox name, as many sites show it.
  if (name === '' || name.includes('@')) name = email.slice(0, email.indexOf('@')) || 'Anonymous';
  return { name, email };
}

interface ContentType {
  type: string;
  boundary: string | null;
  charset: string | null;
}

function contentType(headers: Headers): ContentType {
  const value = headers.get('content-type') ?? 'text/plain';
  const param = (key: string) => new RegExp(`;\\s*${key}\\s*=\\s*(?:"([^"]*)"|([^\\s;]+))`, 'i').exec(value);
  const boundary = param('boundary');
  const charset = param('charset');
  return {
    type: (/^\s*([\w.+-]+\/[\w.+-]+)/.exec(value)?.[1] ?? 'text/plain').toLowerCase(),
    boundary: boundary ? (boundary[1] ?? boundary[2]) : null,
    charset: charset ? (charset[1] ?? charset[2]).toLowerCase() : null,
  };
}

function textOf(headers: Headers, body: string, depth: number): string {
  const { type, boundary, charset } = contentType(headers);
  if (type.startsWith('multipart/') && boundary && depth < MAX_MIME_DEPTH) {
    const parts = splitParts(body, boundary).map((part) => splitMessage(part));
    if (type === 'multipart/alternative') {
      // What a person would type is the plain version; the HTML one only when there is none.
      const plain = parts.find((p) => contentType(p.headers).type === 'text/plain');
      const chosen = plain ?? parts[parts.length - 1];
      return chosen ? textOf(chosen.headers, chosen.body, depth + 1) : '';
    }
    return parts
      .filter((p) => !/^\s*attachment/i.test(p.headers.get('content-disposition') ?? ''))
      .map((p) => textOf(p.headers, p.body, depth + 1))
      .filter((text) => text.trim() !== '')
      .join('\n\n');
  }
  // Images, PDFs, signatures and the like are nothing a comment form could carry.
  if (!type.startsWith('text/') && !type.startsWith('multipart/')) return '';
  const text = decodeBody(body, headers.get('content-transfer-encoding') ?? '', charset);
  const looksHtml = type === 'text/html' || /<\s*(html|body|table|font|a\s+href)\b/i.test(text.slice(0, 4000));
  return typedText(looksHtml ? htmlToText(text) : text);
}

/** A footer longer than this from its first line is no footer: the cut would take real text. */
const MAX_FOOTER_LINES = 25;
const QUOTED = /^\s*(?:[A-Za-z]{1,4})?>/;
/** Most quote-marked lines lost their marker to the list's digest or the sender's program, so these go on their own. */
const ATTRIBUTION = /\b(?:wrote|writes|said)\s*\*?\s*[:;]\s*$/i;
const QUOTING = /^\s*Quoting\b.*:\s*$/i;
const MAX_ATTRIBUTION_CHARS = 160;
const ORIGINAL_MESSAGE = /^\s*-{3,}\s*Original Message\s*-{3,}\s*$/i;
const SIGNATURE = /^(?:- )?--[ \t]?$/;
const PGP_HEAD = /^-----BEGIN PGP SIGNED MESSAGE-----\s*$|^Hash: [\w-]+\s*$/;
const PGP_SIGNATURE = { begin: /^-----BEGIN PGP SIGNATURE-----\s*$/, end: /^-----END PGP SIGNATURE-----\s*$/ };
const RULE = /^\s*(?:_{5,}|-{5,}|={5,})\s*$/;
const LIST_BOILERPLATE = /mailing list|subscribe|https?:\/\/lists\.|listinfo|sponsored by|yahoo! groups/i;
const FOOTER_LINE = /Yahoo! Groups Sponsor|^\s*To unsubscribe\b|Your use of Yahoo! Groups is subject to|^\s*<?https?:\/\/\S+\/listinfo\/\S*\s*$/i;

/** Only what the sender wrote: no quoted mail, signature or list footer (see the header comment). */
export function typedText(text: string): string {
  const blank = (line: string | undefined) => line === undefined || line.trim() === '';
  // 0. PGP armour.
  const all: string[] = [];
  let inPgpSignature = false;
  for (const line of text.split('\n')) {
    if (PGP_SIGNATURE.begin.test(line)) inPgpSignature = true;
    else if (inPgpSignature) inPgpSignature = !PGP_SIGNATURE.end.test(line);
    else if (!PGP_HEAD.test(line)) all.push(line);
  }
  // 1. Quotes, and the attributions introducing them.
  let lines: string[] = [];
  for (const [i, line] of all.entries()) {
    if (QUOTED.test(line)) continue;
    const attribution = ATTRIBUTION.test(line) && line.length <= MAX_ATTRIBUTION_CHARS;
    if (attribution || QUOTING.test(line)) {
      let next = i + 1;
      while (next < all.length && blank(all[next])) next += 1;
      if (attribution || next === all.length || QUOTED.test(all[next])) {
        // "On Thu, 5 Sep 2002, A Person" / "<a@person.example> wrote:"
        if (lines.length > 0 && /^\s*On\s/.test(lines[lines.length - 1]) && !/^\s*On\s/.test(line)) lines.pop();
        continue;
      }
    }
    lines.push(line);
  }
  if (lines.every((line) => blank(line))) lines = all;
  // 2. An unmarked quote or a signature: the rest goes, if the sender wrote something before it.
  let end = lines.length;
  const hasTextBefore = (i: number) => lines.slice(0, i).some((line) => !blank(line));
  const cut = lines.findIndex((line, i) => (ORIGINAL_MESSAGE.test(line) || SIGNATURE.test(line)) && hasTextBefore(i));
  if (cut !== -1) end = cut;
  // 3. A list footer: the earliest start that leaves a footer-sized rest.
  for (let i = 0; i < end; i += 1) {
    if (end - i > MAX_FOOTER_LINES) continue;
    const line = lines[i];
    const footer =
      FOOTER_LINE.test(line) ||
      (RULE.test(line) &&
        lines
          .slice(i + 1, end)
          .filter((next) => !blank(next))
          .slice(0, 3)
          .some((next) => LIST_BOILERPLATE.test(next)));
    if (footer) {
      end = i;
      break;
    }
  }
  return lines.slice(0, end).join('\n');
}

function splitParts(body: string, boundary: string): string[] {
  const delimiter = `--${boundary}`;
  const parts: string[] = [];
  let current: string[] | null = null;
  for (const line of body.split('\n')) {
    const trimmed = line.trimEnd();
    if (trimmed === delimiter || trimmed === `${delimiter}--`) {
      if (current) parts.push(current.join('\n'));
      if (trimmed.endsWith('--') && trimmed !== delimiter) return parts;
      current = [];
    } else if (current) {
      current.push(line);
    }
  }
  if (current) parts.push(current.join('\n'));
  return parts;
}

function decodeBody(body: string, transferEncoding: string, charset: string | null): string {
  const encoding = transferEncoding.trim().toLowerCase();
  let bytes: Buffer;
  if (encoding === 'quoted-printable') {
    const binary = body.replace(/=\n/g, '').replace(/=([0-9A-Fa-f]{2})/g, (_, hex: string) => String.fromCharCode(parseInt(hex, 16)));
    bytes = Buffer.from(binary, 'latin1');
  } else if (encoding === 'base64') {
    bytes = Buffer.from(body.replace(/[^A-Za-z0-9+/=]/g, ''), 'base64');
  } else {
    return body;
  }
  return bytes.toString(charset === 'utf-8' || charset === 'utf8' ? 'utf8' : 'latin1');
}

const ENTITIES: Record<string, string> = { nbsp: ' ', amp: '&', lt: '<', gt: '>', quot: '"', apos: "'", copy: '©', reg: '®' };

/** The text a reader sees, with every link's URL written out beside its words. */
export function htmlToText(html: string): string {
  return html
    .replace(/<!--[\s\S]*?-->/g, ' ')
    .replace(/<(style|script|head|title)\b[\s\S]*?<\/\1\s*>/gi, ' ')
    .replace(/<a\b[^>]*?\bhref\s*=\s*(?:"([^"]*)"|'([^']*)'|([^\s>]+))[^>]*>/gi, (_, a?: string, b?: string, c?: string) => ` ${(a ?? b ?? c ?? '').trim()} `)
    .replace(/<\s*(br|\/p|p|\/div|\/tr|\/li|\/h\d|hr)\b[^>]*>/gi, '\n')
    .replace(/<[^>]*>/g, ' ')
    .replace(/&(#x[0-9a-f]+|#\d+|[a-z]+);/gi, (whole, name: string) => {
      if (name[0] !== '#') return ENTITIES[name.toLowerCase()] ?? whole;
      const code = name[1] === 'x' || name[1] === 'X' ? parseInt(name.slice(2), 16) : parseInt(name.slice(1), 10);
      return code > 0 && code < 0x110000 ? String.fromCodePoint(code) : ' ';
    });
}
