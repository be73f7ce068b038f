import { type CommentBlock, type CommentInline, formatComment } from './comment-format.js';

/**
 * A comment's text as safe DOM, formatted as src/browser/comment-format.ts reads it: paragraphs,
 * quotes, emphasis, and web addresses as links that carry no referrer weight. Built with text
 * nodes only, never innerHTML, so markup in a comment is shown as the characters it is.
 */
export function renderText(text: string, doc: Document = document): DocumentFragment {
  const fragment = doc.createDocumentFragment();
  for (const block of formatComment(text)) fragment.append(blockElement(block, doc));
  return fragment;
}

function blockElement(block: CommentBlock, doc: Document): HTMLElement {
  const element = doc.createElement(block.type === 'quote' ? 'blockquote' : 'p');
  if (block.type === 'quote') for (const paragraph of block.children) element.append(blockElement(paragraph, doc));
  else for (const inline of block.children) element.append(inlineNode(inline, doc));
  return element;
}

function inlineNode(inline: CommentInline, doc: Document): Node {
  switch (inline.type) {
    case 'text':
      return doc.createTextNode(inline.text);
    case 'break':
      return doc.createElement('br');
    case 'link': {
      const link = doc.createElement('a');
      link.href = inline.href;
      link.textContent = inline.text;
      link.rel = 'nofollow ugc noopener';
      link.target = '_blank';
      return link;
    }
    case 'em':
    case 'strong': {
      const element = doc.createElement(inline.type);
      for (const child of inline.children) element.append(inlineNode(child, doc));
      return element;
    }
  }
}
