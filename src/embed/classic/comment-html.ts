import { type CommentBlock, type CommentInline, formatComment } from '../../browser/comment-format.js';
import { escapeHtml } from './html.js';

/**
 * A comment's text as the fragment's HTML, from the same tree the widget draws
 * (src/browser/comment-format.ts): every piece of text and every address escaped here, so
 * nothing a reader typed is ever markup. Links as the fragment always drew them: no new tab.
 */
export function commentHtml(text: string): string {
  return formatComment(text).map(blockHtml).join('');
}

function blockHtml(block: CommentBlock): string {
  return block.type === 'quote' ? `<blockquote>${block.children.map(blockHtml).join('')}</blockquote>` : `<p>${block.children.map(inlineHtml).join('')}</p>`;
}

function inlineHtml(inline: CommentInline): string {
  switch (inline.type) {
    case 'text':
      return escapeHtml(inline.text);
    case 'break':
      return '<br>';
    case 'link':
      return `<a href="${escapeHtml(inline.href)}" rel="nofollow ugc">${escapeHtml(inline.text)}</a>`;
    case 'em':
    case 'strong':
      return `<${inline.type}>${inline.children.map(inlineHtml).join('')}</${inline.type}>`;
  }
}
