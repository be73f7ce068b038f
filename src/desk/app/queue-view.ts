import type { Query } from './api.js';
import type { DeskContext, View } from './context.js';
import { actionLabel, type DeskAction, QUEUE_ACTIONS, renderQueueItem } from './item-view.js';
import { type FilterChange, queueToolbar } from './queue-toolbar.js';
import { undoActions } from './undo.js';
import type { ActionResult, CommentAction, Queue, QueueAdded, QueueItem, QueueUpdated } from './types.js';
import { button, h } from './ui.js';

const PAGE = 25;
/** How long an item another moderator handled stays greyed out before it leaves. */
const GONE_MS = 2_500;
const KEYS: Record<string, DeskAction> = { a: 'approve', s: 'spam', t: 'trash', r: 'restore', u: 'unapprove' };

/** Where a status change leaves a comment, as queues go (approved by a moderator: in none). */
function queueOfStatus(status: string): Queue | null {
  return status === 'pending' || status === 'spam' || status === 'trash' ? status : null;
}

interface Row {
  item: QueueItem;
  element: HTMLLIElement;
}

/**
 * One queue: search and filters, the items, selection and bulk actions, the keyboard, and live
 * changes (new held or reported comments at the top, items other moderators handled greyed out
 * and gone). The list is kept in id order (newest or oldest first) so a live arrival or an undo
 * slots in where a reload would put it.
 */
class QueueView implements View {
  readonly root: HTMLElement;
  private readonly list = h('ol', { class: 'desk-items' });
  private readonly rows = new Map<number, Row>();
  private readonly selected = new Set<number>();
  private readonly more: HTMLButtonElement;
  private readonly empty: HTMLParagraphElement;
  private readonly arrivedBar: HTMLButtonElement;
  private readonly selectAll: HTMLInputElement;
  private readonly selectedCount = h('span', { class: 'desk-selected-count', 'aria-live': 'polite' });
  private readonly bulkButtons: HTMLButtonElement[];
  private readonly search: HTMLInputElement;
  private readonly stopListening: () => void;
  private cursor: string | null = null;
  private current: number | null = null;
  private arrived = 0;
  private loading = 0;
  private closed = false;

  constructor(
    private readonly ctx: DeskContext,
    private readonly queue: Queue,
    private readonly params: URLSearchParams,
  ) {
    const { t } = ctx;
    const searching = params.get('q') ?? params.get('email') ?? '';
    const toolbar = queueToolbar(ctx, params, (change) => this.go(change));
    this.search = toolbar.search;
    this.more = button(t.loadMore, () => void this.load(false), { class: 'desk-button desk-more', hidden: true });
    this.empty = h('p', { class: 'desk-empty', hidden: true }, searching || params.get('article') ? t.emptySearch : t.empty[queue]);
    this.arrivedBar = button('', () => this.go({}), { class: 'desk-button desk-arrived', hidden: true });
    this.selectAll = h('input', { type: 'checkbox', id: 'desk-select-all' });
    this.selectAll.addEventListener('change', () => this.selectEvery(this.selectAll.checked));
    this.bulkButtons = QUEUE_ACTIONS[queue].map((action) =>
      button(actionLabel(ctx, action, queue), () => void this.actOnSelection(action), {
        'data-action': action,
        disabled: true,
        variant: action === 'spam-ban' ? 'danger' : undefined,
      }),
    );
    this.root = h(
      'section',
      { class: 'desk-queue', 'data-queue': queue, 'aria-labelledby': 'desk-queue-heading' },
      h('h2', { id: 'desk-queue-heading', class: 'desk-visually-hidden' }, t.queues[queue]),
      toolbar.element,
      h(
        'div',
        { class: 'desk-bulk', role: 'group', 'aria-label': t.selectAll },
        h('label', { class: 'desk-check' }, this.selectAll, t.selectAll),
        this.selectedCount,
        ...this.bulkButtons,
      ),
      this.arrivedBar,
      this.list,
      this.empty,
      this.more,
      h('p', { class: 'desk-shortcuts' }, t.shortcuts),
    );
    this.list.setAttribute('aria-label', t.queues[queue]);
    this.stopListening = ctx.listen({
      added: (event) => this.added(event),
      updated: (event) => this.updated(event),
      reconnected: () => void this.load(true),
    });
    this.updateSelection();
    void this.load(true);
  }

  /** The same queue with other filters: a new address, so Back works and the view is shareable. */
  private go(change: FilterChange): void {
    const params = new URLSearchParams(this.params);
    for (const [name, value] of Object.entries(change)) {
      if (value === null) params.delete(name);
      else params.set(name, value);
    }
    const query = params.toString();
    this.ctx.go(`#/queue/${this.queue}${query ? `?${query}` : ''}`);
  }

  private filter(): Query {
    return {
      status: this.queue,
      site: this.ctx.site()?.slug,
      q: this.params.get('q'),
      email: this.params.get('email'),
      article: this.params.get('article'),
      sort: this.params.get('sort') === 'oldest' ? 'oldest' : null,
      limit: PAGE,
    };
  }

  private get newestFirst(): boolean {
    return this.params.get('sort') !== 'oldest';
  }

  /** The first page (afresh: on opening, after a reconnect, or "show" on arrivals), or the next one. */
  private async load(first: boolean): Promise<void> {
    const { ctx } = this;
    const ticket = ++this.loading;
    this.more.disabled = true;
    if (first && this.rows.size === 0) this.empty.hidden = true;
    try {
      const page = await ctx.api.queue({ ...this.filter(), cursor: first ? null : this.cursor });
      if (this.closed || ticket !== this.loading) return;
      if (first) {
        this.rows.clear();
        this.list.replaceChildren();
        this.selected.clear();
        this.arrived = 0;
        this.arrivedBar.hidden = true;
      }
      for (const item of page.items) this.place(item, false);
      this.cursor = page.nextCursor;
      this.more.hidden = page.nextCursor === null;
      this.more.disabled = false;
      this.empty.hidden = this.rows.size > 0;
      if (first && this.current === null && page.items.length > 0) this.current = page.items[0].id;
      this.updateSelection();
      this.markCurrent(false);
    } catch (error) {
      if (this.closed) return;
      this.more.disabled = false;
      ctx.notify(ctx.errorMessage(error), { error: true });
    }
  }

  /** Puts an item in the list where its id belongs, or redraws it in place when it is there. */
  private place(item: QueueItem, arriving: boolean): void {
    const handlers = {
      act: (id: number, action: DeskAction) => void this.act([id], action),
      select: (id: number, on: boolean) => this.toggle(id, on),
      onlyArticle: (articleId: number) => this.go({ article: String(articleId) }),
    };
    const element = renderQueueItem(this.ctx, item, this.queue, handlers, this.selected.has(item.id));
    element.addEventListener('focusin', () => {
      if (this.current !== item.id) {
        this.current = item.id;
        this.markCurrent(false);
      }
    });
    const existing = this.rows.get(item.id);
    this.rows.set(item.id, { item, element });
    if (existing) {
      existing.element.replaceWith(element);
    } else {
      this.list.insertBefore(element, this.successorOf(item.id));
      if (arriving) element.classList.add('desk-new');
    }
    if (this.current === item.id) element.classList.add('desk-current');
  }

  private successorOf(id: number): Element | null {
    for (const element of this.list.children) {
      const other = Number((element as HTMLElement).dataset.id);
      if (this.newestFirst ? other < id : other > id) return element;
    }
    return null;
  }

  private remove(id: number): void {
    const row = this.rows.get(id);
    if (!row) return;
    if (this.current === id) this.current = this.neighbourOf(id);
    row.element.remove();
    this.rows.delete(id);
    this.selected.delete(id);
    this.empty.hidden = this.rows.size > 0;
  }

  /** The item after this one, or the one before when it was the last. */
  private neighbourOf(id: number): number | null {
    const element = this.rows.get(id)?.element;
    const next = (element?.nextElementSibling ?? element?.previousElementSibling) as HTMLElement | null;
    return next ? Number(next.dataset.id) : null;
  }

  // Selection

  private toggle(id: number, on: boolean): void {
    if (on) this.selected.add(id);
    else this.selected.delete(id);
    const checkbox = this.rows.get(id)?.element.querySelector<HTMLInputElement>('.desk-select');
    if (checkbox) checkbox.checked = on;
    this.updateSelection();
  }

  private selectEvery(on: boolean): void {
    for (const id of this.rows.keys()) this.toggle(id, on);
  }

  private updateSelection(): void {
    const count = this.selected.size;
    this.selectedCount.textContent = this.ctx.t.selected(count);
    for (const control of this.bulkButtons) control.disabled = count === 0;
    this.selectAll.checked = count > 0 && count === this.rows.size;
    this.selectAll.indeterminate = count > 0 && count < this.rows.size;
  }

  // Actions

  private actOnSelection(action: DeskAction): Promise<void> {
    return this.act([...this.selected], action);
  }

  private async act(ids: number[], action: DeskAction): Promise<void> {
    const { ctx } = this;
    if (ids.length === 0) return ctx.notify(ctx.t.nothingSelected);
    const rows = ids.map((id) => this.rows.get(id)).filter((row): row is Row => row !== undefined);
    for (const row of rows) row.element.classList.add('desk-busy');
    const apiAction: CommentAction = action === 'spam-ban' ? 'spam' : action;
    let result: ActionResult;
    try {
      result = await ctx.api.act(ids, apiAction, action === 'spam-ban' ? { ban: 'email' } : {});
    } catch (error) {
      for (const row of rows) row.element.classList.remove('desk-busy');
      ctx.notify(ctx.errorMessage(error), { error: true });
      return;
    }
    // Changed or not (another moderator was quicker), none of them belongs in this queue now.
    const focusWasInList = this.list.contains(document.activeElement);
    for (const row of rows) this.remove(row.item.id);
    this.updateSelection();
    this.markCurrent(focusWasInList);
    const done = this.queue === 'flagged' && action === 'approve' ? ctx.t.reportsDismissed : ctx.t.done[action];
    const message = [done(result.changed.length), result.unchanged.length > 0 ? ctx.t.unchanged(result.unchanged.length) : ''].filter(Boolean).join(' ');
    const undo = undoActions(result);
    ctx.notify(message, {
      undo: undo
        ? async () => {
            await undo(ctx.api);
            // Back where they were, as the moderator left them.
            for (const row of rows) if (result.changed.some((c) => c.id === row.item.id)) this.place(row.item, false);
            this.empty.hidden = this.rows.size > 0;
            this.updateSelection();
          }
        : undefined,
    });
  }

  // Live

  private matches(item: QueueItem): boolean {
    const site = this.ctx.site();
    if (site && item.site.id !== site.id) return false;
    const article = Number(this.params.get('article'));
    if (article > 0 && item.article.id !== article) return false;
    return true;
  }

  private added({ item }: QueueAdded): void {
    if (item.queue !== this.queue || !this.matches(item)) {
      // It moved to another queue meanwhile.
      if (this.rows.has(item.id) && item.queue !== this.queue) this.remove(item.id);
      return;
    }
    if (this.rows.has(item.id)) return this.place(item, false);
    // A search can't be matched here: say something arrived instead of showing what may not match.
    if (this.params.get('q') || this.params.get('email')) return this.announceArrivals(1);
    // Oldest first with more pages to come: it belongs at the far end, which is not loaded yet.
    if (!this.newestFirst && this.cursor !== null) return;
    this.place(item, true);
    this.empty.hidden = true;
    if (this.current === null) this.current = item.id;
    this.updateSelection();
  }

  private updated(event: QueueUpdated): void {
    const site = this.ctx.site();
    if (site && event.siteId !== site.id) return;
    const mine = event.by?.id === this.ctx.me.id;
    let arrivals = 0;
    for (const change of event.changes) {
      const row = this.rows.get(change.id);
      const into = queueOfStatus(change.to);
      if (row && into !== this.queue) {
        // From this desk it is gone already; from another tab of mine or another moderator: show who.
        if (mine) this.remove(change.id);
        else this.handledElsewhere(row, event.by?.name ?? null, event.action);
      } else if (!row && into === this.queue && !mine) {
        arrivals++;
      }
    }
    if (arrivals > 0) this.announceArrivals(arrivals);
    this.updateSelection();
  }

  private handledElsewhere(row: Row, by: string | null, action: string): void {
    const { t } = this.ctx;
    const { element } = row;
    if (element.classList.contains('desk-gone')) return;
    element.classList.add('desk-gone');
    element.setAttribute('aria-disabled', 'true');
    for (const control of element.querySelectorAll<HTMLButtonElement | HTMLInputElement>('button, input')) control.disabled = true;
    element
      .querySelector('.desk-item-head')
      ?.prepend(h('span', { class: 'desk-handled' }, by ? t.handledBy(by, t.actions[action] ?? action) : t.handledElsewhere));
    this.selected.delete(row.item.id);
    setTimeout(() => {
      if (this.rows.get(row.item.id)?.element !== element) return;
      const hadFocus = element.contains(document.activeElement);
      this.remove(row.item.id);
      this.markCurrent(hadFocus);
      this.updateSelection();
    }, GONE_MS);
  }

  private announceArrivals(count: number): void {
    this.arrived += count;
    this.arrivedBar.textContent = this.ctx.t.arrived(this.arrived);
    this.arrivedBar.hidden = false;
  }

  // Keyboard

  keydown(event: KeyboardEvent): boolean {
    const key = event.key;
    if (key === '/') {
      this.search.focus();
      this.search.select();
      return true;
    }
    if (key === 'j' || key === 'k') {
      this.move(key === 'j' ? 1 : -1);
      return true;
    }
    if (this.current === null) return false;
    if (key === 'x') {
      this.toggle(this.current, !this.selected.has(this.current));
      return true;
    }
    const action = KEYS[key];
    if (action && QUEUE_ACTIONS[this.queue].includes(action)) {
      // With a selection the key acts on it, as in mail clients; otherwise on the current item.
      void this.act(this.selected.size > 0 ? [...this.selected] : [this.current], action);
      return true;
    }
    return false;
  }

  private move(step: number): void {
    const ids = [...this.list.children].map((element) => Number((element as HTMLElement).dataset.id));
    if (ids.length === 0) return;
    const index = this.current === null ? -1 : ids.indexOf(this.current);
    this.current = ids[Math.min(ids.length - 1, Math.max(0, index + step))];
    this.markCurrent(true);
  }

  /** Highlights the current item; with focus, moves the keyboard focus there and into view. */
  private markCurrent(focus: boolean): void {
    for (const { item, element } of this.rows.values()) {
      const current = item.id === this.current;
      element.classList.toggle('desk-current', current);
      element.setAttribute('tabindex', current ? '0' : '-1');
      if (current && focus) {
        element.focus({ preventScroll: true });
        element.scrollIntoView({ block: 'nearest' });
      }
    }
  }

  close(): void {
    this.closed = true;
    this.stopListening();
  }
}

export function queueView(ctx: DeskContext, queue: Queue, params: URLSearchParams): View {
  return new QueueView(ctx, queue, params);
}
