import { escapeHtml } from '../../embed/classic/html.js';

/**
 * A message is written once, as blocks, and rendered twice: plain text and HTML. Everything a
 * reader wrote is escaped in the HTML (escape-first, as the no-JS thread does); the plain text
 * part is what most mail clients quote.
 */
export type MailBlock =
  | { paragraph: string }
  | { quote: string }
  | { link: string; href: string }
  | { fields: Array<[label: string, value: string]> }
  | { separator: true }
  | { small: string };

export interface RenderedMail {
  subject: string;
  text: string;
  html: string;
}

/** A comment's text as a quote: at most this many characters, so a digest stays readable. */
const QUOTE_LIMIT = 2_000;

export function excerpt(text: string, limit = QUOTE_LIMIT): string {
  const chars = [...text.trim()];
  return chars.length <= limit ? chars.join('') : `${chars.slice(0, limit).join('').trimEnd()}…`;
}

function textOf(block: MailBlock): string {
  if ('paragraph' in block) return block.paragraph;
  if ('quote' in block)
    return block.quote
      .split('\n')
      .map((line) => `> ${line}`)
      .join('\n');
  if ('link' in block) return `${block.link}:\n${block.href}`;
  if ('fields' in block) return block.fields.map(([label, value]) => `${label}: ${value}`).join('\n');
  if ('separator' in block) return '—';
  return block.small;
}

const paragraphsHtml = (text: string) => escapeHtml(text).replace(/\r?\n/g, '<br>');

function htmlOf(block: MailBlock): string {
  if ('paragraph' in block) return `<p>${paragraphsHtml(block.paragraph)}</p>`;
  if ('quote' in block)
    return `<blockquote style="margin:0 0 1em;padding:.5em 1em;border-left:3px solid #c3c4c7;color:#3c434a">${paragraphsHtml(block.quote)}</blockquote>`;
  if ('link' in block) return `<p><a href="${escapeHtml(block.href)}" style="color:#1d4ed8">${escapeHtml(block.link)}</a></p>`;
  if ('fields' in block) {
    const rows = block.fields.map(
      ([label, value]) => `<tr><th align="left" style="padding-right:1em">${escapeHtml(label)}</th><td>${escapeHtml(value)}</td></tr>`,
    );
    return `<table role="presentation" style="margin:0 0 1em">${rows.join('')}</table>`;
  }
  if ('separator' in block) return '<hr style="border:0;border-top:1px solid #dcdcde;margin:1.5em 0">';
  return `<p style="font-size:12px;color:#646970">${paragraphsHtml(block.small)}</p>`;
}

export function renderMail(lang: string, subject: string, blocks: MailBlock[]): RenderedMail {
  const text = `${blocks.map(textOf).join('\n\n')}\n`;
  const html = `<!DOCTYPE html>
<html lang="${escapeHtml(lang)}">
<head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1"><title>${escapeHtml(subject)}</title></head>
<body style="font-family:system-ui,-apple-system,sans-serif;font-size:15px;line-height:1.5;color:#1d2327;max-width:640px;margin:0 auto;padding:1em">
${blocks.map(htmlOf).join('\n')}
</body>
</html>
`;
  return { subject, text, html };
}
