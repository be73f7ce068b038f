/**
 * A comment's text as safe DOM: paragraphs and line breaks as the author typed them, and web
 * addresses as links that carry no referrer weight. Built with text nodes only, never innerHTML,
 * so markup in a comment is shown as the characters it is.
 */
const URL_PATTERN = /\bhttps?:\/\/[^\s<>"']+[^\s<>"'.,;:!?)\]]/g;

export function renderText(text: string, doc: Document = document): DocumentFragment {
  const fragment = doc.createDocumentFragment();
  for (const paragraph of text.split(/\n{2,}/)) {
    if (paragraph.trim() === '') continue;
    const p = doc.createElement('p');
    paragraph.split('\n').forEach((line, index) => {
      if (index > 0) p.append(doc.createElement('br'));
      appendLinked(p, line, doc);
    });
    fragment.append(p);
  }
  return fragment;
}

function appendLinked(parent: HTMLElement, line: string, doc: Document): void {
  let last = 0;
  for (const match of line.matchAll(URL_PATTERN)) {
    const start = match.index ?? 0;
    parent.append(line.slice(last, start));
    const link = doc.createElement('a');
    link.href = match[0];
    link.textContent = match[0];
    link.rel = 'nofollow ugc noopener';
    link.target = '_blank';
    parent.append(link);
    last = start + match[0].length;
  }
  parent.append(line.slice(last));
}
