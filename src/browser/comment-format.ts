/*
 * A comment's light formatting, read from the text exactly as the reader typed it (the stored text
 * never changes): paragraphs, line breaks, "> " quotes, *italic*, **bold** and web addresses as
 * links. Free of the DOM, so the widget and the desk (src/browser/text.ts) and the server's HTML
 * for readers without JavaScript (src/embed/classic) draw the same tree. The tree holds only text
 * and checked http(s) addresses: each side escapes as it draws, so no markup in a comment ever
 * becomes markup on the page.
 */
import { safeHttpUrl } from './safe-url.js';

export type CommentInline =
  { type: 'text'; text: string } | { type: 'break' } | { type: 'link'; href: string; text: string } | { type: 'em' | 'strong'; children: CommentInline[] };

export interface CommentParagraph {
  type: 'paragraph';
  children: CommentInline[];
}

export type CommentBlock = CommentParagraph | { type: 'quote'; children: CommentParagraph[] };

/**
 * Addresses as before formatting came (http(s) only, no trailing punctuation), plus bare `www.`.
 * Not after a letter, digit, "@", ".", "/" or "-": an email address or a longer host is not cut
 * into a link (the character before is matched, not looked behind at: Safari before 16.4 cannot
 * parse a lookbehind, and the widget would not start). Never ending in "*":
 * `**https://example.com**` is a bold link.
 */
const ADDRESS = /(^|[^\w@./-])((?:https?:\/\/[^\s<>"']+|www\.[^\s<>"']*)[^\s<>"'.,;:!?)\]*])/g;

/** A quote's line: "> " at the very start, as mail clients write it; ">" alone keeps a quote going. */
const QUOTE_LINE = /^> /;

/**
 * Deeper emphasis than this is left as the characters typed: a 64 KB comment of nested stars
 * must not build a tree thousands of levels deep (both renderers recurse over it).
 */
const MAX_OPEN_MARKERS = 16;
/** `****` and longer runs are rules or censored words, not emphasis. */
const MAX_MARKER_RUN = 3;

export function formatComment(text: string): CommentBlock[] {
  const blocks: CommentBlock[] = [];
  let lines: string[] = [];
  let quote: CommentParagraph[] | null = null;
  const endParagraph = () => {
    if (lines.length === 0) return;
    const paragraph: CommentParagraph = { type: 'paragraph', children: formatInline(lines.join('\n')) };
    if (quote) quote.push(paragraph);
    else blocks.push(paragraph);
    lines = [];
  };
  const endQuote = () => {
    endParagraph();
    if (quote && quote.length > 0) blocks.push({ type: 'quote', children: quote });
    quote = null;
  };
  for (const line of text.split(/\r\n?|\n/)) {
    if (QUOTE_LINE.test(line) || (quote && line.trimEnd() === '>')) {
      if (!quote) {
        endParagraph();
        quote = [];
      }
      const quoted = line.slice(2);
      if (quoted.trim() === '') endParagraph();
      else lines.push(quoted);
    } else if (line.trim() === '') {
      endQuote();
    } else {
      if (quote) endQuote();
      lines.push(line);
    }
  }
  endQuote();
  return blocks;
}

/** A run of "*" and what it became: literal stars, tags opened (outermost first) or closed (innermost first). */
interface MarkerRun {
  type: 'marker';
  left: number;
  canOpen: boolean;
  canClose: boolean;
  opens: Array<'em' | 'strong'>;
  closes: Array<'em' | 'strong'>;
}

type Token = { type: 'text'; text: string } | { type: 'break' } | { type: 'link'; href: string; text: string } | MarkerRun;

/**
 * WordPress-like emphasis, in one pass over the text: a marker opens when a non-space follows it
 * and no letter or digit comes before it, and closes when a non-space comes before it and no
 * letter or digit follows, so `2*3*4`, `a*b*c` and `*.txt` stay as typed. A closer takes the last
 * opener still waiting (two stars each when both runs have two, else one): no search backwards,
 * so even the longest comment is read in linear time.
 */
export function formatInline(text: string): CommentInline[] {
  const tokens = tokenize(text);
  const waiting: MarkerRun[] = [];
  tokens.forEach((token, index) => {
    if (token.type !== 'marker') return;
    const before = sideOf(tokens[index - 1], 'end');
    const after = sideOf(tokens[index + 1], 'start');
    const run = token.left <= MAX_MARKER_RUN;
    token.canOpen = run && after !== 'space' && before !== 'word';
    token.canClose = run && before !== 'space' && after !== 'word';
    if (token.canClose) {
      while (token.left > 0 && waiting.length > 0) {
        const opener = waiting[waiting.length - 1];
        const used = opener.left >= 2 && token.left >= 2 ? 2 : 1;
        const kind = used === 2 ? 'strong' : 'em';
        opener.opens.unshift(kind);
        token.closes.push(kind);
        opener.left -= used;
        token.left -= used;
        if (opener.left === 0) waiting.pop();
      }
    }
    if (token.left > 0 && token.canOpen && token.closes.length === 0 && waiting.length < MAX_OPEN_MARKERS) waiting.push(token);
  });
  return buildTree(tokens);
}

/** Text, line breaks, links and marker runs, in order. */
function tokenize(text: string): Token[] {
  const tokens: Token[] = [];
  const addText = (part: string) => {
    part.split('\n').forEach((line, index) => {
      if (index > 0) tokens.push({ type: 'break' });
      let last = 0;
      for (const stars of line.matchAll(/\*+/g)) {
        if (stars.index > last) tokens.push({ type: 'text', text: line.slice(last, stars.index) });
        tokens.push({ type: 'marker', left: stars[0].length, canOpen: false, canClose: false, opens: [], closes: [] });
        last = stars.index + stars[0].length;
      }
      if (last < line.length) tokens.push({ type: 'text', text: line.slice(last) });
    });
  };
  let last = 0;
  for (const match of text.matchAll(ADDRESS)) {
    const address = match[2];
    const href = safeHttpUrl(address.startsWith('www.') ? `http://${address}` : address);
    // Not a valid address after all (a bad host, say): it stays text, stars and all.
    if (!href) continue;
    const start = match.index + match[1].length;
    addText(text.slice(last, start));
    tokens.push({ type: 'link', href, text: address });
    last = start + address.length;
  }
  addText(text.slice(last));
  return tokens;
}

/** What touches a marker on one side: a link counts as punctuation, so `*https://example.com*` is italic. */
function sideOf(token: Token | undefined, end: 'start' | 'end'): 'space' | 'word' | 'other' {
  if (!token || token.type === 'break') return 'space';
  if (token.type !== 'text') return 'other';
  const character = end === 'start' ? token.text[0] : token.text[token.text.length - 1];
  if (/\s/.test(character)) return 'space';
  return /[\p{L}\p{N}]/u.test(character) ? 'word' : 'other';
}

function buildTree(tokens: Token[]): CommentInline[] {
  const root: CommentInline[] = [];
  const open: CommentInline[][] = [root];
  const addText = (text: string) => {
    const into = open[open.length - 1];
    const previous = into[into.length - 1];
    if (previous?.type === 'text') previous.text += text;
    else into.push({ type: 'text', text });
  };
  for (const token of tokens) {
    if (token.type === 'text') addText(token.text);
    else if (token.type !== 'marker') open[open.length - 1].push(token);
    else {
      // Closed tags first (this run's left stars met an opener), then what is left as stars, then opened tags.
      for (let n = 0; n < token.closes.length; n++) open.pop();
      if (token.left > 0) addText('*'.repeat(token.left));
      for (const kind of token.opens) {
        const node: CommentInline = { type: kind, children: [] };
        open[open.length - 1].push(node);
        open.push(node.children);
      }
    }
  }
  return root;
}
