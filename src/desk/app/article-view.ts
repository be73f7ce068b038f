import { safeHttpUrl } from '../../browser/safe-url.js';
import { renderText } from '../../browser/text.js';
import type { DeskContext, View } from './context.js';
import { actionButtons, authorLine, type DeskAction, timeElement } from './item-view.js';
import { newsroomMarks, newsroomTools } from './newsroom-tools.js';
import { undoActions } from './undo.js';
import type { CommentAction, ModeratedArticle, QueueItem } from './types.js';
import { button, field, h } from './ui.js';

const PREMODERATION = ['off', 'links', 'first-time', 'all'] as const;

/**
 * One article as its readers see it, with the comments still held shown in place (marked, with
 * their actions), and the article's own switches: closed or open, and its pre-moderation.
 */
class ArticleView implements View {
  readonly root: HTMLElement;
  private readonly thread = h('ol', { class: 'desk-thread' });
  private readonly items = new Map<number, { item: QueueItem; element: HTMLLIElement }>();
  private readonly head = h('div', { class: 'desk-article-head' });
  private readonly controls = h('div', { class: 'desk-article-controls' });
  private readonly empty: HTMLParagraphElement;
  private readonly more: HTMLButtonElement;
  private readonly stopListening: () => void;
  private cursor: string | null = null;
  private article: ModeratedArticle | null = null;
  private closed = false;

  constructor(
    private readonly ctx: DeskContext,
    private readonly id: number,
  ) {
    const { t } = ctx;
    this.empty = h('p', { class: 'desk-empty', hidden: true }, t.noComments);
    this.more = button(t.loadMore, () => void this.load(), { class: 'desk-button desk-more', hidden: true });
    this.root = h(
      'section',
      { class: 'desk-article', 'data-article': String(id) },
      h('p', {}, h('a', { href: '#/queue/pending', class: 'desk-back' }, `← ${t.backToQueue}`)),
      this.head,
      this.controls,
      this.thread,
      this.empty,
      this.more,
    );
    this.thread.setAttribute('aria-label', t.viewArticle);
    this.stopListening = ctx.listen({
      added: ({ item }) => {
        if (item.article.id === this.id && (item.status === 'pending' || item.status === 'approved')) this.place(item);
      },
      updated: (event) => {
        for (const change of event.changes) this.moved(change.id, change.to);
      },
      reconnected: () => void this.reload(),
    });
    void this.reload();
  }

  private async reload(): Promise<void> {
    this.cursor = null;
    this.items.clear();
    this.thread.replaceChildren();
    await this.load();
  }

  private async load(): Promise<void> {
    const { ctx } = this;
    this.more.disabled = true;
    try {
      const page = await ctx.api.articleThread(this.id, this.cursor);
      if (this.closed) return;
      this.showArticle(page.article);
      for (const item of page.comments) this.place(item);
      this.cursor = page.nextCursor;
      this.more.hidden = page.nextCursor === null;
      this.empty.hidden = this.items.size > 0;
    } catch (error) {
      if (this.closed) return;
      ctx.notify(ctx.errorMessage(error), { error: true });
      if (!this.article) this.head.replaceChildren(h('p', { class: 'desk-empty', role: 'alert' }, ctx.errorMessage(error)));
    } finally {
      this.more.disabled = false;
    }
  }

  private showArticle(article: ModeratedArticle): void {
    const { t } = this.ctx;
    this.article = article;
    const href = safeHttpUrl(article.url);
    const parts = [
      h('h2', {}, article.title || article.url),
      href ? h('a', { href, target: '_blank', rel: 'noopener noreferrer', class: 'desk-article-link' }, t.openArticle) : null,
      h('span', { class: 'desk-article-state', 'data-open': String(article.acceptingComments) }, article.acceptingComments ? t.commentsOpen : t.commentsClosed),
      article.open && !article.acceptingComments ? h('span', { class: 'desk-field-hint' }, t.closedByAge) : null,
      h('a', { href: `#/queue/pending?article=${article.id}`, class: 'desk-article-queue' }, t.queues.pending),
    ];
    this.head.replaceChildren(...parts.filter((part) => part !== null));
    const toggle = button(article.open ? t.closeArticle : t.reopenArticle, () => void this.change({ open: !article.open }), {
      class: 'desk-button desk-toggle-open',
      variant: article.open ? 'danger' : 'primary',
    });
    const site = this.ctx.sites.find((s) => s.slug === article.site);
    const premoderation = h(
      'select',
      { name: 'premoderation' },
      h('option', { value: '' }, t.premoderationSite(t.premoderationModes[site?.settings.premoderation ?? 'off'] ?? '')),
    );
    for (const mode of PREMODERATION) premoderation.append(h('option', { value: mode, selected: article.premoderation === mode }, t.premoderationModes[mode]));
    premoderation.addEventListener('change', () => void this.change({ premoderation: premoderation.value || null }));
    this.controls.replaceChildren(toggle, field('desk-premoderation', t.premoderation, premoderation));
  }

  private async change(controls: { open?: boolean; premoderation?: string | null }): Promise<void> {
    const { ctx } = this;
    try {
      const article = await ctx.api.changeArticle(this.id, controls);
      const focusedId = document.activeElement?.id || (document.activeElement?.classList.contains('desk-toggle-open') ? 'toggle' : '');
      this.showArticle(article);
      // Keep the keyboard where it was: the controls were redrawn.
      if (focusedId === 'toggle') this.controls.querySelector<HTMLElement>('.desk-toggle-open')?.focus();
      else if (focusedId) document.getElementById(focusedId)?.focus();
      ctx.notify(ctx.t.saved);
    } catch (error) {
      ctx.notify(ctx.errorMessage(error), { error: true });
      if (this.article) this.showArticle(this.article);
    }
  }

  /** A comment in its place: under its parent when the parent is shown, else at the top level. */
  private place(item: QueueItem): void {
    const element = this.render(item);
    const existing = this.items.get(item.id);
    this.items.set(item.id, { item, element });
    if (existing) {
      existing.element.replaceWith(element);
      // Its replies stay with it.
      const children = existing.element.querySelector(':scope > ol');
      if (children) element.append(children);
      return;
    }
    const parent = item.parent ? this.items.get(item.parent.id)?.element : undefined;
    let list = this.thread;
    if (parent) {
      list = parent.querySelector<HTMLOListElement>(':scope > ol') ?? parent.appendChild(h('ol', {}));
    }
    list.append(element);
    this.empty.hidden = true;
  }

  private render(item: QueueItem): HTMLLIElement {
    const { ctx } = this;
    const held = item.status === 'pending';
    const actions: DeskAction[] = held ? ['approve', 'spam', 'spam-ban', 'trash'] : ['unapprove', 'spam', 'spam-ban', 'trash'];
    return h(
      'li',
      { class: `desk-thread-comment${held ? ' desk-held' : ''}`, 'data-id': String(item.id), 'data-status': item.status },
      h(
        'article',
        {},
        held ? h('p', { class: 'desk-held-label' }, ctx.t.heldHere) : null,
        authorLine(ctx, item),
        newsroomMarks(ctx, item),
        h('div', { class: 'desk-body' }, renderText(item.body)),
        item.flags.count > 0 ? h('p', { class: 'desk-flags' }, ctx.t.flags(item.flags.count)) : null,
        actionButtons(ctx, item, actions, (action) => void this.act(item, action)),
        // What the newsroom does with a comment readers can see.
        item.status === 'approved' ? newsroomTools(ctx, item, () => void this.reload()) : null,
      ),
    );
  }

  private async act(item: QueueItem, action: DeskAction): Promise<void> {
    const { ctx } = this;
    const apiAction: CommentAction = action === 'spam-ban' ? 'spam' : action;
    try {
      const result = await ctx.api.act([item.id], apiAction, action === 'spam-ban' ? { ban: 'email' } : {});
      for (const change of result.changed) this.moved(change.id, change.to);
      const undo = undoActions(result);
      ctx.notify(ctx.t.done[action](result.changed.length), {
        undo: undo
          ? async () => {
              await undo(ctx.api);
              await this.reload();
            }
          : undefined,
      });
    } catch (error) {
      ctx.notify(ctx.errorMessage(error), { error: true });
    }
  }

  /** A comment's new status: approved or held stays (redrawn), spam and trash leave the thread. */
  private moved(id: number, to: string): void {
    const entry = this.items.get(id);
    if (!entry) return;
    if (to === 'approved' || to === 'pending') {
      this.place({ ...entry.item, status: to, queue: to === 'pending' ? 'pending' : null, flags: { count: 0, reasons: {}, notes: [] } });
      return;
    }
    // Replies of a removed comment stay readable, as the public thread keeps them.
    const replies = entry.element.querySelector(':scope > ol');
    if (replies) entry.element.replaceWith(...replies.children);
    else entry.element.remove();
    this.items.delete(id);
    this.empty.hidden = this.items.size > 0;
  }

  close(): void {
    this.closed = true;
    this.stopListening();
  }
}

export function articleView(ctx: DeskContext, id: number): View {
  if (!Number.isInteger(id) || id < 1) return { root: h('p', { class: 'desk-empty' }, ctx.t.notFound) };
  return new ArticleView(ctx, id);
}

/** Articles of the picked sites, newest first, found by title or address, with their counts. */
export function articleListView(ctx: DeskContext, params: URLSearchParams): View {
  const { t } = ctx;
  const q = params.get('q') ?? '';
  const input = h('input', { type: 'search', id: 'desk-article-search', name: 'q', value: q, placeholder: t.findArticlePlaceholder, maxlength: '200' });
  const form = h(
    'form',
    { class: 'desk-search', role: 'search' },
    h('label', { for: 'desk-article-search', class: 'desk-visually-hidden' }, t.findArticle),
    input,
    h('button', { type: 'submit', class: 'desk-button' }, t.searchButton),
  );
  form.addEventListener('submit', (event) => {
    event.preventDefault();
    const value = input.value.trim();
    ctx.go(value ? `#/articles?q=${encodeURIComponent(value)}` : '#/articles');
  });
  const list = h('ol', { class: 'desk-article-list' });
  const empty = h('p', { class: 'desk-empty', hidden: true }, t.notFound);
  let cursor: string | null = null;
  const more = button(t.loadMore, () => void load(), { class: 'desk-button desk-more', hidden: true });
  const load = async () => {
    more.disabled = true;
    try {
      const page = await ctx.api.articles({ site: ctx.site()?.slug, q, cursor });
      for (const article of page.articles) {
        const { approved, pending, flagged } = article.counts;
        list.append(
          h(
            'li',
            { 'data-id': String(article.id) },
            h('a', { href: `#/articles/${article.id}`, class: 'desk-article-open' }, article.title || article.url),
            h('br'),
            h(
              'span',
              { class: 'desk-field-hint' },
              ctx.sites.length > 1 ? `${article.site} · ` : '',
              t.articleCounts(approved, pending, flagged),
              ' · ',
              timeElement(ctx, article.createdAt),
            ),
          ),
        );
      }
      cursor = page.nextCursor;
      more.hidden = cursor === null;
      empty.hidden = list.children.length > 0;
    } catch (error) {
      ctx.notify(ctx.errorMessage(error), { error: true });
    } finally {
      more.disabled = false;
    }
  };
  void load();
  return {
    root: h('section', { class: 'desk-articles' }, h('h2', {}, t.articles), h('div', { class: 'desk-toolbar' }, form), list, empty, more),
  };
}
