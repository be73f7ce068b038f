import type { DeskContext, View } from '../context.js';
import type { AuditEntry, Moderator, SiteSettings } from '../types.js';
import { button, field, h } from '../ui.js';
import { notifyFailure, options } from './admin-forms.js';
import { adminSection, loadInto, timeFormatter } from './admin-screen.js';
import { adminTable } from './admin-table.js';

const FORM = 'desk-audit-filters';

interface AuditFilter {
  moderator?: number;
  comment?: number;
}

/**
 * The audit log of the sites in the header's scope, newest first, a page at a time. Filters: a
 * moderator (admins, who can list them) and a comment; `#/admin/audit?comment=123` opens with the
 * comment's history, the queue's way of asking "who did what to this one?".
 */
export function auditView(ctx: DeskContext): View {
  const t = ctx.t.admin.audit;
  const root = adminSection('audit', ctx.t.auditTab);
  const asked = new URLSearchParams(location.hash.split('?')[1] ?? '');
  let filter: AuditFilter = { moderator: positive(asked.get('moderator')), comment: positive(asked.get('comment')) };
  let cursor: string | null = null;
  const when = timeFormatter(ctx);
  const list = adminTable(t.caption, [t.time, t.moderator, t.action, t.site, t.comment, t.change, t.note], { class: 'desk-audit' }, t.empty);
  const more = button(ctx.t.loadMore, () => void nextPage(), { class: 'desk-button desk-more', hidden: true });
  const listArea = h('div', {});

  const page = async () => {
    const answer = await ctx.api.audit({ site: ctx.site()?.slug, moderator: filter.moderator, comment: filter.comment, cursor });
    for (const entry of answer.entries) list.add(entry.id, cells(entry));
    cursor = answer.nextCursor;
    more.hidden = cursor === null;
  };
  const nextPage = async () => {
    more.disabled = true;
    try {
      await page();
    } catch (error) {
      notifyFailure(ctx, error);
    } finally {
      more.disabled = false;
    }
  };
  const reload = (next: AuditFilter) => {
    filter = next;
    cursor = null;
    list.clear();
    list.empty.textContent = filter.moderator || filter.comment ? t.emptyFiltered : t.empty;
    filters.show(filter);
    loadInto(ctx, listArea, async () => {
      await page();
      return [list.root, more];
    });
  };

  const cells = (entry: AuditEntry): Array<Node | string> => [
    when(entry.at),
    entry.moderator?.email ?? t.kolom,
    actionLabel(ctx, entry),
    entry.siteId === null ? '' : (ctx.siteById(entry.siteId)?.slug ?? String(entry.siteId)),
    entry.commentId === null
      ? ''
      : button(String(entry.commentId), () => reload({ ...filter, comment: entry.commentId ?? undefined }), {
          class: 'desk-link',
          'aria-label': t.showComment(entry.commentId),
        }),
    change(ctx, entry),
    entry.note ?? '',
  ];

  const filters = filtersForm(ctx, reload);
  root.append(filters.form, listArea);
  reload(filter);
  return { root };
}

function filtersForm(ctx: DeskContext, apply: (filter: AuditFilter) => void): { form: HTMLFormElement; show(filter: AuditFilter): void } {
  const t = ctx.t.admin.audit;
  const comment = h('input', { type: 'number', name: 'comment', min: '1', step: '1', inputmode: 'numeric' });
  // Only admins may list the accounts; a moderator filters by comment.
  const moderator = ctx.me.role === 'admin' ? h('select', { name: 'moderator' }, ...options([['', t.everyone]])) : null;
  const form = h(
    'form',
    { class: 'desk-form', id: FORM, role: 'search', 'aria-label': ctx.t.auditTab, novalidate: true },
    moderator ? field(`${FORM}-moderator`, t.moderator, moderator) : null,
    field(`${FORM}-comment`, t.commentFilter, comment),
    h(
      'div',
      { class: 'desk-actions' },
      h('button', { type: 'submit', class: 'desk-button desk-button-primary' }, t.filter),
      button(t.clear, () => apply({})),
    ),
  );
  const read = (): AuditFilter => ({ moderator: positive(moderator?.value ?? null), comment: positive(comment.value) });
  form.addEventListener('submit', (event) => {
    event.preventDefault();
    apply(read());
  });

  let shown: AuditFilter = {};
  const show = (filter: AuditFilter) => {
    shown = filter;
    comment.value = filter.comment ? String(filter.comment) : '';
    if (moderator) moderator.value = filter.moderator ? String(filter.moderator) : '';
  };
  if (moderator) {
    ctx.api.moderators().then(
      (moderators: Moderator[]) => {
        moderator.append(...options(moderators.map((m) => [String(m.id), `${m.name} (${m.email})`])));
        show(shown);
      },
      () => undefined,
    );
  }
  return { form, show };
}

/** What changed, in words: statuses for a comment, the settings before and after, who was banned or added. */
function change(ctx: DeskContext, entry: AuditEntry): Node | string {
  const t = ctx.t.admin;
  const detail = entry.detail;
  const text = (value: unknown) => (typeof value === 'string' ? value : '');
  const status = (value: string | null) => (value === null ? '' : (ctx.t.statusLabel[value] ?? value));
  const mode = (value: unknown) => (value === null ? t.audit.asSite : (ctx.t.premoderationModes[text(value)] ?? text(value)));
  const article = entry.articleId === null ? null : h('a', { href: `#/articles/${entry.articleId}` }, t.audit.article(entry.articleId));
  switch (entry.action) {
    case 'site.settings':
      return h(
        'div',
        {},
        ...Object.entries(detail).map(([key, values]) => {
          const { from, to } = (values ?? {}) as { from?: unknown; to?: unknown };
          const label = t.settings[key as keyof SiteSettings]?.label ?? key;
          const shown = (value: unknown) => (key === 'premoderation' ? mode(value) : setting(ctx, value));
          return h('div', {}, `${label}: ${shown(from)} → ${shown(to)}`);
        }),
      );
    case 'site.sign-in':
      return t.audit.signInMethods[text(detail.method)] ?? text(detail.method);
    case 'site.create':
      return `${text(detail.slug)} (${text(detail.name)}): ${list(detail.origins)}`;
    case 'site.change':
      return fromTo(detail, { name: t.audit.siteName, origins: t.audit.siteOrigins }, list);
    case 'moderator.change': {
      const role = (value: unknown) => t.moderators.roles[text(value)] ?? text(value);
      const ended = typeof detail.endedSessions === 'number' && detail.endedSessions > 0 ? ` — ${t.audit.sessionsEnded(detail.endedSessions)}` : '';
      return h(
        'div',
        {},
        h('div', {}, `${text(detail.email)}${ended}`),
        fromTo(detail, { role: t.audit.role, sites: t.audit.sites }, (value) => (Array.isArray(value) ? list(value) : role(value))),
      );
    }
    case 'site.export':
      return `${text(detail.format).toUpperCase()}${typeof detail.article === 'string' ? ` — ${detail.article}` : ''}`;
    case 'ban':
    case 'unban':
      return `${t.bans.kinds[text(detail.kind) as keyof typeof t.bans.kinds] ?? text(detail.kind)}: ${text(detail.value)}`;
    case 'moderator.create':
    case 'moderator.delete': {
      const sites = Array.isArray(detail.sites) && detail.sites.length > 0 ? ` — ${detail.sites.join(', ')}` : '';
      return `${text(detail.email)} (${t.moderators.roles[text(detail.role)] ?? text(detail.role)})${sites}`;
    }
    case 'moderator.password': {
      const ended = typeof detail.endedSessions === 'number' && detail.endedSessions > 0 ? ` — ${t.audit.otherSessionsEnded(detail.endedSessions)}` : '';
      return `${text(detail.email)}${ended}`;
    }
    // How many comments went is in the action's own label.
    case 'erase':
      return '';
    case 'edit':
      // A redaction: the text before, for the record (the comment now shows the new one).
      return h('div', {}, h('del', {}, text(detail.before)), ' → ', h('ins', {}, text(detail.after)));
    case 'staff.reply':
    case 'pin':
    case 'unpin':
    case 'pick':
    case 'unpick':
      return article ?? '';
    case 'article.premoderation':
      return h('span', {}, article ?? '', article ? ': ' : '', `${mode(detail.from)} → ${mode(detail.to)}`);
    // A comment's status change (from → to); an article closed or reopened names the article.
    case 'approve':
    case 'unapprove':
    case 'hold':
    case 'spam':
    case 'trash':
    case 'restore':
    case 'article.close':
    case 'article.reopen':
      if (entry.from !== null || entry.to !== null) return `${status(entry.from)} → ${status(entry.to)}`;
      return article ?? '';
  }
}

/** What was done; a reader's erasure, done through an emailed link with no moderator, says how much went. */
function actionLabel(ctx: DeskContext, entry: AuditEntry): string {
  const t = ctx.t.admin.audit;
  const { comments } = entry.detail;
  if (entry.action === 'erase' && typeof comments === 'number') return t.erased(comments);
  return t.actions[entry.action] ?? entry.action;
}

/** The parts of a change's detail named in `labels`, each as "Label: before → after". */
function fromTo(detail: Record<string, unknown>, labels: Record<string, string>, shown: (value: unknown) => string): HTMLElement {
  return h(
    'div',
    {},
    ...Object.entries(labels)
      .filter(([key]) => detail[key] !== undefined)
      .map(([key, label]) => {
        const { from, to } = (detail[key] ?? {}) as { from?: unknown; to?: unknown };
        return h('div', {}, `${label}: ${shown(from)} → ${shown(to)}`);
      }),
  );
}

function list(value: unknown): string {
  return Array.isArray(value) && value.length > 0 ? value.join(', ') : '—';
}

function setting(ctx: DeskContext, value: unknown): string {
  if (!Array.isArray(value)) return String(value);
  if (value.length === 0) return ctx.t.admin.audit.none;
  return value.length <= 5 ? value.join(', ') : ctx.t.admin.audit.entries(value.length);
}

function positive(value: string | null): number | undefined {
  const number = Number(value);
  return value && Number.isInteger(number) && number > 0 ? number : undefined;
}
