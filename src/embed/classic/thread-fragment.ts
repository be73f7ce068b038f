import type { PublicComment, ThreadPage } from '../../threads/thread-answers.js';
import type { Catalogue } from '../widget/i18n/index.js';
import { safeHttpUrl } from '../../browser/safe-url.js';
import { commentHtml } from './comment-html.js';
import { escapeHtml } from './html.js';

/** What the fragment needs besides the page: where its links and its form point, and its words. */
export interface FragmentContext {
  /** Kolom's public address, which the form posts to and the next-page link points at. */
  kolomUrl: string;
  site: string;
  sort: string;
  lang: string;
  t: Catalogue;
  /** The comment the form answers (WordPress's `?replytocom=ID`), when the page asked for one. */
  replyTo?: number;
}

/** What each comment's drawing needs of the page. */
interface Drawing extends FragmentContext {
  articleUrl: string;
  open: boolean;
  /** Kolom can send email: the form offers reply notifications, as the widget does. */
  replyEmails: boolean;
}

const COMMENT_SCHEMA = 'itemscope itemtype="https://schema.org/Comment"';
const PERSON_SCHEMA = 'itemscope itemtype="https://schema.org/Person"';

/**
 * A thread page as HTML, drawn as the widget draws it (section.kolom, ol.kolom-comments,
 * li.kolom-comment > article, ol.kolom-children for replies), with a permalink anchor and
 * schema.org Comment microdata on each comment, a link to the next page and the classic form.
 * It holds nothing of any one reader: it is cached as the thread JSON is.
 */
export function threadFragment(page: Omit<ThreadPage, 'formToken'>, context: FragmentContext): string {
  const { t, lang } = context;
  const drawing: Drawing = { ...context, articleUrl: page.article.url, open: page.open, replyEmails: page.replyEmails };
  const empty = page.total === 0 && page.comments.length === 0;
  const meta = empty ? `<p class="kolom-empty">${escapeHtml(t.empty)}</p>` : `<h2 class="kolom-heading">${escapeHtml(t.heading(page.total))}</h2>`;
  const comments = page.comments.map((comment) => commentItem(comment, drawing)).join('');
  const more =
    page.nextCursor === null ? '' : `<p><a class="kolom-more" rel="next" href="${escapeHtml(nextPageUrl(page, context))}">${escapeHtml(t.loadMore)}</a></p>`;
  const form = page.open ? commentForm(drawing, answered(page.comments, context.replyTo)) : `<p class="kolom-status kolom-closed">${escapeHtml(t.closed)}</p>`;
  return (
    `<section class="kolom kolom-static" id="comments" lang="${escapeHtml(lang)}" aria-label="${escapeHtml(t.commentsLabel)}">` +
    `<div class="kolom-meta">${meta}</div>` +
    `<ol class="kolom-comments">${comments}</ol>${more}${form}</section>\n`
  );
}

function nextPageUrl(page: Omit<ThreadPage, 'formToken'>, { kolomUrl, site, sort, lang }: FragmentContext): string {
  const query = new URLSearchParams({ site, url: page.article.url, sort, lang, cursor: page.nextCursor ?? '' });
  return `${kolomUrl}/embed/thread?${query}`;
}

/** The comment replied to, when it is on this page and can be answered. */
function answered(comments: PublicComment[], id: number | undefined): PublicComment | null {
  if (id === undefined) return null;
  for (const comment of comments) {
    if (comment.id === id) return comment.removed ? null : comment;
    const found = answered(comment.replies ?? [], id);
    if (found) return found;
  }
  return null;
}

/** WordPress's reply link: the article again, with the form under "Reply to NAME" (the site passes `replytocom` on to the fragment). */
function replyUrl(articleUrl: string, id: number): string {
  const url = new URL(articleUrl);
  url.searchParams.set('replytocom', String(id));
  url.hash = 'respond';
  return url.href;
}

function commentItem(comment: PublicComment, context: Drawing): string {
  const replies = (comment.replies ?? []).map((reply) => commentItem(reply, context)).join('');
  return (
    `<li class="kolom-comment" data-id="${comment.id}" id="kolom-comment-${comment.id}">` +
    `${commentArticle(comment, context)}<ol class="kolom-children">${replies}</ol></li>`
  );
}

/** The newsroom's marks, as the widget shows them. */
function marks(comment: PublicComment, t: Drawing['t']): string {
  const badge = (on: boolean, kind: string, label: string) => (on ? ` <span class="kolom-badge kolom-${kind}">${escapeHtml(label)}</span>` : '');
  return (
    badge(comment.staff, 'staff', t.staff) +
    badge(comment.pinned, 'pinned', t.pinned) +
    badge(comment.editorsPick, 'pick', t.editorsPick) +
    (comment.editedByModerator ? ` <span class="kolom-moderator-edited">${escapeHtml(t.editedByModerator)}</span>` : '')
  );
}

function commentArticle(comment: PublicComment, { t, lang, articleUrl, open }: Drawing): string {
  // Kept so its replies keep their place; nothing of it is left to describe.
  if (comment.removed || !comment.author || comment.body === null) {
    return `<article id="comment-${comment.id}"><p class="kolom-removed">${escapeHtml(t.removed)}</p></article>`;
  }
  const name = `<span itemprop="name">${escapeHtml(comment.author.name)}</span>`;
  const website = safeHttpUrl(comment.author.website);
  const author = website
    ? `<a class="kolom-author" itemprop="author" ${PERSON_SCHEMA} href="${escapeHtml(website)}" rel="nofollow ugc">${name}<link itemprop="url" href="${escapeHtml(website)}"></a>`
    : `<span class="kolom-author" itemprop="author" ${PERSON_SCHEMA}>${name}</span>`;
  const created = `<time datetime="${comment.createdAt}" itemprop="dateCreated">${escapeHtml(dateText(comment.createdAt, lang))}</time>`;
  const edited = comment.editedAt
    ? ` <time class="kolom-edited" datetime="${comment.editedAt}" itemprop="dateModified" title="${escapeHtml(dateText(comment.editedAt, lang))}">${escapeHtml(t.edited)}</time>`
    : '';
  return (
    `<article id="comment-${comment.id}" ${COMMENT_SCHEMA} aria-label="${escapeHtml(comment.author.name)}">` +
    `<div class="kolom-head">${author} <a class="kolom-permalink" href="#comment-${comment.id}" itemprop="url">${created}</a>${edited}${marks(comment, t)}</div>` +
    `<div class="kolom-body" itemprop="text">${commentHtml(comment.body)}</div>` +
    (open
      ? `<div class="kolom-actions"><a class="kolom-reply" rel="nofollow" target="_top" href="${escapeHtml(replyUrl(articleUrl, comment.id))}">${escapeHtml(t.reply)}</a></div>`
      : '') +
    `</article>`
  );
}

const dateFormats = new Map<string, Intl.DateTimeFormat>();

/** The exact date, in the fragment's language and UTC: a cached page cannot say "3 minutes ago". */
function dateText(iso: string, lang: string): string {
  let format = dateFormats.get(lang);
  if (!format) {
    format = new Intl.DateTimeFormat(lang, { dateStyle: 'long', timeStyle: 'short', timeZone: 'UTC' });
    dateFormats.set(lang, format);
  }
  return `${format.format(new Date(iso))} UTC`;
}

/**
 * The classic form, with WordPress's field names, posting to Kolom's wp-comments-post.php. No
 * form token: the fragment is shared by every reader (see README, "Without JavaScript").
 * `target="_top"`: framed, the redirect back to the article replaces the page, not the frame.
 */
function commentForm({ kolomUrl, site, t, articleUrl, replyEmails }: Drawing, replyingTo: PublicComment | null): string {
  const required = `<span class="kolom-required" aria-hidden="true">*</span>`;
  const field = (name: string, label: string, control: string, isRequired: boolean) =>
    `<p class="kolom-field kolom-field-${name}"><label for="kolom-${name}">${escapeHtml(label)}${isRequired ? ` ${required}` : ''}</label>${control}</p>`;
  return (
    `<div id="respond" class="kolom-respond">` +
    `<form class="kolom-form" id="commentform" method="post" action="${escapeHtml(kolomUrl)}/wp-comments-post.php" target="_top" aria-labelledby="reply-title">` +
    `<h3 class="kolom-form-title" id="reply-title">${escapeHtml(replyingTo ? t.replyTo(replyingTo.author?.name ?? '') : t.leaveReply)}` +
    (replyingTo
      ? ` <a class="kolom-cancel-reply" rel="nofollow" target="_top" href="${escapeHtml(`${articleUrl}#respond`)}">${escapeHtml(t.cancelReply)}</a>`
      : '') +
    `</h3>` +
    `<p class="kolom-notes">${escapeHtml(`${t.notes} ${t.requiredNote}`)} ${required}</p>` +
    field('comment', t.comment, '<textarea id="kolom-comment" name="comment" rows="6" maxlength="65525" required></textarea>', true) +
    field('author', t.name, '<input id="kolom-author" name="author" type="text" autocomplete="name" maxlength="245" required>', true) +
    field('email', t.email, '<input id="kolom-email" name="email" type="email" autocomplete="email" maxlength="100" required>', true) +
    field('url', t.website, '<input id="kolom-url" name="url" type="url" autocomplete="url" maxlength="200">', false) +
    (replyEmails
      ? `<p class="kolom-field kolom-field-notify"><input id="kolom-notify" name="kolom_notify_replies" type="checkbox" value="1"> <label for="kolom-notify">${escapeHtml(t.notifyReplies)}</label></p>`
      : '') +
    // The honeypot: hidden from people (and from screen readers), filled in by form-filling robots.
    `<p class="kolom-hp" hidden aria-hidden="true"><label>Homepage <input name="homepage" type="text" tabindex="-1" autocomplete="off"></label></p>` +
    `<input type="hidden" name="site" value="${escapeHtml(site)}">` +
    `<input type="hidden" name="article" value="${escapeHtml(articleUrl)}">` +
    `<input type="hidden" name="comment_parent" value="${replyingTo?.id ?? 0}">` +
    `<p class="form-submit"><button type="submit" class="kolom-submit">${escapeHtml(t.submit)}</button></p>` +
    `</form></div>`
  );
}
