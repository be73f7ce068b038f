import { Parser } from 'htmlparser2';

/** Elements that end a line or a paragraph where they start and end. */
const PARAGRAPHS = new Set(['p', 'div', 'blockquote', 'pre', 'ul', 'ol', 'li', 'h1', 'h2', 'h3', 'h4', 'h5', 'h6', 'table', 'tr']);

/**
 * An exported comment's HTML as Kolom's plain text: paragraphs stay paragraphs (a blank line between,
 * as WordPress itself stores them before wpautop), a <br> a line break, a link its text followed by
 * its address when the two differ, entities decoded, every other tag gone. Kolom escapes text when
 * it shows it, so nothing here needs escaping.
 */
export function commentText(html: string): string {
  let text = '';
  const links: Array<{ href: string | null; start: number }> = [];
  const parser = new Parser(
    {
      onopentag(name, attributes) {
        if (name === 'br') text += '\n';
        else if (PARAGRAPHS.has(name)) text += '\n\n';
        else if (name === 'a') links.push({ href: attributes.href?.trim() || null, start: text.length });
      },
      ontext(data) {
        text += data;
      },
      onclosetag(name) {
        if (PARAGRAPHS.has(name)) text += '\n\n';
        else if (name === 'a') {
          const link = links.pop();
          const label = link ? text.slice(link.start).trim() : '';
          if (link?.href && /^https?:\/\//i.test(link.href) && !sameAddress(label, link.href)) text += label ? ` (${link.href})` : link.href;
        }
      },
    },
    { decodeEntities: true, lowerCaseTags: true },
  );
  parser.write(html);
  parser.end();
  return text
    .replace(/\r\n?/g, '\n')
    .replace(/[ \t\u00a0]+/g, ' ')
    .split('\n')
    .map((line) => line.trim())
    .join('\n')
    .replace(/\n{3,}/g, '\n\n')
    .trim();
}

function sameAddress(label: string, href: string): boolean {
  const bare = (url: string) =>
    url
      .replace(/^https?:\/\//i, '')
      .replace(/\/$/, '')
      .toLowerCase();
  return bare(label) === bare(href);
}
