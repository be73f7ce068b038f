import { h } from '../../browser/dom.js';
import { safeHttpUrl } from '../../browser/safe-url.js';
import { renderText } from '../../browser/text.js';
import { exactTime, exactTimeIfReady, relativeTime } from '../../browser/time.js';
import type { Catalogue } from './i18n/index.js';
import type { PublicComment } from './types.js';

export interface CommentActions {
  canReply: boolean;
  /** The reader wrote it and may still edit or delete it. */
  own: boolean;
  /** Held for moderation: shown to its author only, with the notice. */
  held: boolean;
  /** The name of whom it answers, when that is not its tree parent (past the site's max depth). */
  inReplyTo: string | null;
  /** The Report menu (report-menu.ts), for a comment readers may report: anyone's, approved. */
  report: HTMLElement | null;
  /** The like button (like-button.ts), first among the actions; none on a held or removed comment. */
  like?: HTMLButtonElement | null;
}

/** One comment's element: `li.kolom-comment` with its article and a list for its replies. */
export function commentElement(comment: PublicComment, actions: CommentActions, t: Catalogue, lang: string): HTMLLIElement {
  const li = h('li', { class: 'kolom-comment', 'data-id': String(comment.id), id: `kolom-comment-${comment.id}` });
  li.append(articleOf(comment, actions, t, lang), h('ol', { class: 'kolom-children' }));
  return li;
}

/** Re-renders the comment in place (an edit, a removal, an approval), keeping its replies. */
export function refreshComment(li: HTMLLIElement, comment: PublicComment, actions: CommentActions, t: Catalogue, lang: string): void {
  li.querySelector(':scope > article')?.replaceWith(articleOf(comment, actions, t, lang));
}

function articleOf(comment: PublicComment, actions: CommentActions, t: Catalogue, lang: string): HTMLElement {
  if (comment.removed || !comment.author || comment.body === null) {
    return h('article', {}, h('p', { class: 'kolom-removed' }, t.removed));
  }
  const website = safeHttpUrl(comment.author.website);
  const author = website
    ? h('a', { class: 'kolom-author', href: website, rel: 'nofollow ugc noopener', target: '_blank' }, comment.author.name)
    : h('span', { class: 'kolom-author' }, comment.author.name);
  const time = h('time', { datetime: comment.createdAt, title: exactTimeIfReady(comment.createdAt, lang) }, relativeTime(comment.createdAt, t));
  const body = h('div', { class: 'kolom-body' });
  body.append(renderText(comment.body));
  const buttons = [
    actions.like,
    actions.canReply && !actions.held && h('button', { type: 'button', class: 'kolom-reply', 'data-action': 'reply' }, t.reply),
    actions.own && h('button', { type: 'button', class: 'kolom-edit', 'data-action': 'edit' }, t.edit),
    actions.own && h('button', { type: 'button', class: 'kolom-delete', 'data-action': 'delete' }, t.delete),
    actions.report,
  ];
  return h(
    'article',
    { 'aria-label': comment.author.name },
    h(
      'div',
      { class: 'kolom-head' },
      author,
      time,
      actions.inReplyTo && h('span', { class: 'kolom-in-reply' }, t.inReplyTo(actions.inReplyTo)),
      comment.editedAt &&
        h('time', { class: 'kolom-edited', datetime: comment.editedAt, 'data-exact-only': '', title: exactTimeIfReady(comment.editedAt, lang) }, t.edited),
      // The newsroom's marks: only the server sets them (a reader cannot post as staff).
      comment.staff && h('span', { class: 'kolom-badge kolom-staff' }, t.staff),
      comment.pinned && h('span', { class: 'kolom-badge kolom-pinned' }, t.pinned),
      comment.editorsPick && h('span', { class: 'kolom-badge kolom-pick' }, t.editorsPick),
      comment.editedByModerator && h('span', { class: 'kolom-moderator-edited' }, t.editedByModerator),
    ),
    body,
    actions.held && h('p', { class: 'kolom-held' }, t.awaiting),
    buttons.some(Boolean) && h('div', { class: 'kolom-actions' }, ...buttons),
  );
}

/** Times age: "just now" becomes "2 minutes ago" without a reload. */
export function refreshTimes(root: ParentNode, t: Catalogue): void {
  for (const time of root.querySelectorAll<HTMLTimeElement>('time[datetime]:not([data-exact-only])')) {
    time.textContent = relativeTime(time.dateTime, t);
  }
}

/** The exact date on hover, for the times rendered before the date format was ready. */
export function fillExactTimes(root: ParentNode, lang: string): void {
  // Builds the date format even for an empty thread: later comments get their title at once.
  exactTime(new Date().toISOString(), lang);
  for (const time of root.querySelectorAll<HTMLTimeElement>('time[datetime]:not([title])')) {
    time.title = exactTime(time.dateTime, lang);
  }
}
