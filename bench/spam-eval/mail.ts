/**
 * A raw mail (headers and MIME body) as the comment form would have received it: an author from
 * the From header and the text a person would have typed.
 *
 * Transfer encodings are undone (quoted-printable, base64) and HTML is reduced to its text with the
 * link URLs kept, because a comment never carries "=3D", soft line breaks or markup: left in, they
 * would teach the model mail artefacts that mark spam here for reasons no comment will ever have.
 * Nothing fancier: no charset tables beyond UTF-8 and Latin-1, no RFC 2047 names, no attachments.
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
  return looksHtml ? htmlToText(text) : text;
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
