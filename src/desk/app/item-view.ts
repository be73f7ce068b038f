import { safeHttpUrl } from '../../browser/safe-url.js';
import { renderText } from '../../browser/text.js';
import { exactTime, relativeTime } from '../../browser/time.js';
import type { DeskContext } from './context.js';
import { button, h } from './ui.js';
import type { Queue, QueueItem } from './types.js';

/** What a moderator can do to a comment in each queue, in the order the buttons show. */
export const QUEUE_ACTIONS: Record<Queue, DeskAction[]> = {
  pending: ['approve', 'spam', 'spam-ban', 'trash'],
  flagged: ['approve', 'unapprove', 'spam', 'spam-ban', 'trash'],
  spam: ['restore', 'approve', 'trash'],
  trash: ['restore', 'approve', 'spam'],
};

/** The API's actions, plus "spam and ban the author" (spam with `ban: email`). */
export type DeskAction = 'approve' | 'unapprove' | 'spam' | 'spam-ban' | 'trash' | 'restore';

export interface ItemHandlers {
  act(id: number, action: DeskAction): void;
  select(id: number, selected: boolean): void;
  onlyArticle(articleId: number): void;
}

/**
 * An address shown as its network only until the moderator asks: enough to see two comments
 * come from one place, without putting every reader's address on screen for anyone passing by.
 */
export function maskIp(ip: string): string {
  if (ip.includes(':')) return `${ip.split(':').slice(0, 3).join(':')}:…`;
  const parts = ip.split('.');
  return parts.length === 4 ? `${parts[0]}.${parts[1]}.•.•` : '•••';
}

export function timeElement(ctx: DeskContext, iso: string): HTMLTimeElement {
  return h('time', { datetime: iso, title: exactTime(iso, ctx.lang) }, relativeTime(iso, ctx.t));
}

function ipLine(ctx: DeskContext, ip: string | null): HTMLElement {
  const { t } = ctx;
  if (!ip) return h('span', { class: 'desk-ip' }, `${t.ip}: ${t.noIp}`);
  const value = h('span', { class: 'desk-ip-value' }, maskIp(ip));
  const toggle = button(
    t.showIp,
    () => {
      const shown = toggle.getAttribute('aria-pressed') === 'true';
      value.textContent = shown ? maskIp(ip) : ip;
      toggle.textContent = shown ? t.showIp : t.hideIp;
      toggle.setAttribute('aria-pressed', String(!shown));
    },
    { class: 'desk-link desk-reveal-ip', 'aria-pressed': 'false' },
  );
  return h('span', { class: 'desk-ip' }, `${t.ip}: `, value, ' ', toggle);
}

function signals(ctx: DeskContext, item: QueueItem): HTMLUListElement {
  const { t } = ctx;
  const list = h('ul', { class: 'desk-signals' });
  const { score, reasons } = item.verdict;
  if (score !== null || reasons.length > 0) {
    list.append(
      h(
        'li',
        { class: 'desk-verdict' },
        h('strong', {}, `${t.verdict}: `),
        score === null ? '' : `${t.score(score)}; `,
        reasons.length > 0 ? reasons.join('; ') : t.noReasons,
      ),
    );
  }
  if (item.flags.count > 0) {
    const reasons = Object.entries(item.flags.reasons).map(([reason, count]) => `${t.flagReasons[reason] ?? reason} ×${count}`);
    list.append(
      h(
        'li',
        { class: 'desk-flags' },
        h('strong', {}, t.flags(item.flags.count)),
        `: ${reasons.join(', ')}`,
        ...item.flags.notes.flatMap((note) => [' ', h('q', { class: 'desk-flag-note' }, note)]),
      ),
    );
  }
  const record = Object.entries(item.record).filter(([, count]) => (count ?? 0) > 0);
  const total = record.reduce((sum, [, count]) => sum + (count ?? 0), 0);
  list.append(
    h(
      'li',
      { class: 'desk-record' },
      h('strong', {}, `${t.record}: `),
      total <= 1 ? t.firstComment : record.map(([status, count]) => `${count} ${t.recordEntry[status] ?? status}`).join(', '),
    ),
  );
  return list;
}

/** The article a comment is under: a link to it on the news site, and the desk's own ways in. */
function articleLine(ctx: DeskContext, item: QueueItem, handlers: ItemHandlers | null): HTMLElement {
  const { t } = ctx;
  const href = safeHttpUrl(item.article.url);
  const title = item.article.title || item.article.url;
  return h(
    'p',
    { class: 'desk-item-context' },
    ctx.sites.length > 1 ? h('span', { class: 'desk-site-badge' }, item.site.slug) : null,
    ctx.sites.length > 1 ? ' ' : null,
    href ? h('a', { class: 'desk-article', href, target: '_blank', rel: 'noopener noreferrer' }, title) : h('span', { class: 'desk-article' }, title),
    item.article.open ? null : ` (${t.articleClosed})`,
    ' · ',
    h('a', { class: 'desk-article-thread', href: `#/articles/${item.article.id}` }, t.viewArticle),
    handlers ? ' · ' : null,
    handlers ? button(t.onlyArticle, () => handlers.onlyArticle(item.article.id), { class: 'desk-link desk-only-article' }) : null,
  );
}

/** An action's name where it is offered: approving in Flagged keeps the comment and sets its reports aside. */
export function actionLabel(ctx: DeskContext, action: DeskAction, queue: Queue | null): string {
  return queue === 'flagged' && action === 'approve' ? ctx.t.dismissReports : ctx.t.actions[action];
}

/** The buttons of an item; each names its comment for screen readers through the group label. */
export function actionButtons(
  ctx: DeskContext,
  item: QueueItem,
  actions: DeskAction[],
  act: (action: DeskAction) => void,
  queue: Queue | null = null,
): HTMLDivElement {
  return h(
    'div',
    { class: 'desk-actions', role: 'group', 'aria-label': ctx.t.actionsFor(item.author.name) },
    ...actions.map((action) =>
      button(actionLabel(ctx, action, queue), () => act(action), {
        'data-action': action,
        variant: action === 'approve' || action === 'restore' ? 'primary' : action === 'spam-ban' ? 'danger' : undefined,
      }),
    ),
  );
}

/** The header of an item: who wrote it, with the private details only moderators see. */
export function authorLine(ctx: DeskContext, item: QueueItem): HTMLElement {
  const website = safeHttpUrl(item.author.website);
  return h(
    'div',
    { class: 'desk-item-head' },
    h('span', { class: 'desk-author-name' }, item.author.name),
    h('a', { class: 'desk-email', href: `#/queue/${item.queue ?? 'pending'}?email=${encodeURIComponent(item.author.email)}` }, item.author.email),
    item.author.verified ? h('span', { class: 'desk-verified', title: ctx.t.verifiedEmailWhy }, ctx.t.verifiedEmail) : null,
    website ? h('a', { class: 'desk-website', href: website, target: '_blank', rel: 'nofollow noopener noreferrer' }, item.author.website ?? '') : null,
    ipLine(ctx, item.author.ip),
    timeElement(ctx, item.createdAt),
    item.editedAt ? h('span', { class: 'desk-edited' }, ctx.t.edited) : null,
  );
}

/** One comment of a queue, with everything it takes to decide on it. */
export function renderQueueItem(ctx: DeskContext, item: QueueItem, queue: Queue, handlers: ItemHandlers, selected: boolean): HTMLLIElement {
  const { t } = ctx;
  const checkbox = h('input', { type: 'checkbox', class: 'desk-select', 'aria-label': t.select(item.author.name) });
  checkbox.checked = selected;
  checkbox.addEventListener('change', () => handlers.select(item.id, checkbox.checked));
  return h(
    'li',
    { class: 'desk-item', 'data-id': String(item.id), 'data-queue': queue, tabindex: '-1' },
    h('div', { class: 'desk-item-select' }, checkbox),
    h(
      'article',
      { class: 'desk-item-main' },
      authorLine(ctx, item),
      articleLine(ctx, item, handlers),
      item.parent
        ? h('blockquote', { class: 'desk-parent' }, h('span', {}, t.inReplyTo(item.parent.authorName)), renderText(truncate(item.parent.body, 280)))
        : null,
      h('div', { class: 'desk-body' }, renderText(item.body)),
      item.editedFrom !== null
        ? h('details', { class: 'desk-edited-from' }, h('summary', {}, t.editedFrom), h('div', { class: 'desk-body' }, renderText(item.editedFrom)))
        : null,
      signals(ctx, item),
      actionButtons(ctx, item, QUEUE_ACTIONS[queue], (action) => handlers.act(item.id, action), queue),
    ),
  );
}

function truncate(text: string, length: number): string {
  return text.length <= length ? text : `${text.slice(0, length - 1)}…`;
}
