import type { KolomApi } from './api.js';
import { CommentFormView } from './comment-form.js';
import { followSignIn, signedInReader } from './sign-in.js';
import { type CommentActions, commentElement, fillExactTimes, refreshComment, refreshTimes } from './comment-view.js';
import { h } from '../../browser/dom.js';
import { serverMessage } from '../../browser/i18n.js';
import type { Catalogue } from './i18n/index.js';
import { LiveThread } from './live.js';
import { reportMenu } from './report-menu.js';
import { likedComments, ownComments, sortChoice } from './storage.js';
import { likeButton, showLikes } from './like-button.js';
import { NewCommentsBar } from './new-comments-bar.js';
import { openEditBox } from './edit-box.js';
import { sortControl } from './sort-control.js';
import type { ApiError, PostedComment, PublicComment, ThreadPage, ThreadSort, WidgetOptions } from './types.js';

interface Shown {
  comment: PublicComment;
  li: HTMLLIElement;
  held: boolean;
}

/**
 * The whole comment section: heading, the thread, "Load more", the form, and the live room that
 * keeps it current. Every comment is shown once, by id, whichever way it arrived (page, live
 * event, the answer to the reader's own post).
 */
export class ThreadView {
  readonly root: HTMLElement;
  private readonly heading = h('h2', { class: 'kolom-heading' });
  private readonly viewers = h('span', { class: 'kolom-viewers' });
  private readonly status = h('span', { class: 'kolom-status', role: 'status' });
  private readonly list = h('ol', { class: 'kolom-comments', 'aria-live': 'polite', 'aria-relevant': 'additions' });
  private readonly more = h('button', { type: 'button', class: 'kolom-more', hidden: true });
  private readonly shown = new Map<number, Shown>();
  private readonly newBar: NewCommentsBar;
  private form: CommentFormView | null = null;
  private page: ThreadPage | null = null;
  private total = 0;
  private nextCursor: string | null = null;
  private live: LiveThread | null = null;

  constructor(
    private readonly api: KolomApi,
    private readonly options: WidgetOptions,
    private readonly t: Catalogue,
    private readonly lang: string,
  ) {
    this.more.textContent = t.loadMore;
    this.more.addEventListener('click', () => void this.loadMore());
    this.newBar = new NewCommentsBar(t);
    this.list.addEventListener('click', (event) => this.onListClick(event));
    this.root = h(
      'section',
      { class: 'kolom', lang, 'aria-label': t.commentsLabel },
      h(
        'div',
        { class: 'kolom-meta' },
        this.heading,
        this.viewers,
        this.status,
        sortControl(options.sort, t, (sort) => void this.sortBy(sort)),
        this.picksFilter(),
      ),
      this.newBar.element,
      this.list,
      this.more,
    );
    this.heading.textContent = t.loading;
    setInterval(() => refreshTimes(this.list, t), 60_000);
  }

  /**
   * Shows the first page (asked for by the caller as early as it could); answers whether there is
   * a thread to follow live.
   */
  async load(firstPage: Promise<ThreadPage>): Promise<boolean> {
    try {
      this.show(await firstPage);
      return true;
    } catch (error) {
      this.heading.textContent = this.t.loadFailed;
      const message = (error as ApiError).message;
      if (message) this.status.textContent = serverMessage(this.t, message);
      return false;
    }
  }

  /** Joins the article's live room, from the event the page was read at. */
  goLive(): void {
    const page = this.page!;
    this.live = new LiveThread(
      this.options.host,
      { articleId: page.article.id, site: this.options.site, url: this.options.url },
      page.lastEventId,
      (articleId) => ownComments.all(articleId).map(({ id, editToken }) => ({ id, editToken })),
      {
        created: (comment) => this.arrived(comment, false),
        updated: (comment) => this.changed(comment),
        removed: ({ id }) => this.removed(id),
        held: (comment) => this.arrived(comment, true),
        stats: ({ count, viewers }) => {
          if (count >= 0) this.setTotal(count);
          this.viewers.textContent = viewers > 0 ? this.t.viewers(viewers) : '';
        },
        reactions: (counts) => this.likesChanged(counts),
        resync: () => void this.reload(),
        connection: (online) => (this.status.textContent = online ? '' : this.t.offline),
        started: (articleId) => (page.article.id = articleId),
      },
    );
  }

  private show(page: ThreadPage): void {
    this.page = page;
    this.list.replaceChildren();
    this.shown.clear();
    this.append(page.comments, this.list);
    this.nextCursor = page.nextCursor;
    this.more.hidden = page.nextCursor === null;
    this.setTotal(page.total);
    if (!this.form) this.mountForm(page);
    setTimeout(() => fillExactTimes(this.list, this.lang));
  }

  private async reload(): Promise<void> {
    try {
      this.show(await this.api.thread());
    } catch {
      // The live room keeps going; the next resync tries again.
    }
  }

  private async loadMore(): Promise<void> {
    if (!this.nextCursor) return;
    this.more.disabled = true;
    try {
      const page = await this.api.thread(this.nextCursor);
      this.append(page.comments, this.list);
      fillExactTimes(this.list, this.lang);
      this.nextCursor = page.nextCursor;
      this.more.hidden = page.nextCursor === null;
    } catch {
      this.status.textContent = this.t.loadFailed;
    } finally {
      this.more.disabled = false;
    }
  }

  private mountForm(page: ThreadPage): void {
    if (!page.open) {
      this.root.append(h('p', { class: 'kolom-status kolom-closed' }, this.t.closed));
      return;
    }
    this.form = new CommentFormView(
      this.api,
      this.t,
      page.replyEmails === true,
      page.signIn ?? null,
      () => this.api.formToken(),
      (posted) => this.posted(posted),
      () => this.replyTo(null),
    );
    this.form.showSignedIn(signedInReader(this.options.signIn));
    followSignIn((reader) => this.form?.showSignedIn(reader));
    this.root.append(this.form.element);
  }

  /** A word for the reader about their email address: beside the form, or in the heading's status when comments are closed. */
  notice(message: string): void {
    if (this.form) this.form.showNotice(message);
    else this.status.textContent = message;
  }

  /** Comments of a page (or replies), depth-first; any already shown are left as they are. */
  private append(comments: PublicComment[], into: HTMLOListElement): void {
    for (const comment of comments) {
      let shown = this.shown.get(comment.id);
      if (!shown) {
        shown = this.render(comment, false);
        into.append(shown.li);
      }
      this.append(comment.replies ?? [], shown.li.querySelector<HTMLOListElement>(':scope > .kolom-children')!);
    }
  }

  private render(comment: PublicComment, held: boolean): Shown {
    const li = commentElement(comment, this.actionsFor(comment, held), this.t, this.lang);
    const shown = { comment, li, held };
    this.shown.set(comment.id, shown);
    return shown;
  }

  private actionsFor(comment: PublicComment, held: boolean): CommentActions {
    const own = ownComments.find(comment.id);
    const answered = comment.replyToId !== null && comment.replyToId !== comment.parentId ? this.shown.get(comment.replyToId) : undefined;
    return {
      canReply: !!this.page?.open && !comment.removed,
      own: !!own && Date.parse(own.editableUntil) > Date.now() && !comment.removed,
      held,
      inReplyTo: answered?.comment.author?.name ?? null,
      // Readers report others' published comments; the server refuses the rest (404).
      report: own || held || comment.removed ? null : reportMenu(comment.id, this.api, this.t),
      like: held || comment.removed ? null : likeButton(comment.likes ?? 0, likedComments.has(comment.id), this.page?.reactionSymbol ?? 'heart', this.t),
    };
  }

  /** A comment that arrived live (or the reader's own, held one): placed where it belongs, once. */
  private arrived(comment: PublicComment, held: boolean): void {
    const existing = this.shown.get(comment.id);
    if (existing) {
      // The author's held comment was approved: the notice goes.
      if (existing.held && !held) {
        existing.held = false;
        existing.comment = comment;
        refreshComment(existing.li, comment, this.actionsFor(comment, false), this.t, this.lang);
      }
      return;
    }
    const parentList = comment.parentId === null ? this.list : this.shown.get(comment.parentId)?.li.querySelector<HTMLOListElement>(':scope > .kolom-children');
    // A reply to a comment not on the page yet arrives with that comment when it is loaded.
    if (!parentList) return;
    const shown = this.render(comment, held);
    shown.li.classList.add('kolom-new');
    if (parentList === this.list && this.options.sort === 'newest') parentList.prepend(shown.li);
    else parentList.append(shown.li);
    this.setEmpty(false);
    if (!held) this.newBar.arrived(shown.li);
  }

  private changed(comment: PublicComment): void {
    const shown = this.shown.get(comment.id);
    if (!shown) return;
    const wasPinned = shown.comment.pinned;
    shown.comment = { ...comment, replies: [] };
    refreshComment(shown.li, shown.comment, this.actionsFor(shown.comment, shown.held), this.t, this.lang);
    // A comment pinned while the page is open moves to the top, after those pinned before it; an
    // unpinned one stays where it is until the next load puts it back in order.
    if (comment.pinned && !wasPinned && shown.li.parentElement === this.list) {
      const pinned = [...this.list.children].filter((li) => li !== shown.li && this.shown.get(Number((li as HTMLElement).dataset.id))?.comment.pinned);
      const last = pinned[pinned.length - 1];
      if (last) last.after(shown.li);
      else this.list.prepend(shown.li);
    }
  }

  /** Gone from the thread; a comment with replies stays as a placeholder so the replies keep their place. */
  private removed(id: number): void {
    const shown = this.shown.get(id);
    if (!shown) return;
    const hasReplies = !!shown.li.querySelector(':scope > .kolom-children > li');
    if (hasReplies) {
      shown.comment = { ...shown.comment, removed: true, author: null, body: null };
      refreshComment(shown.li, shown.comment, this.actionsFor(shown.comment, false), this.t, this.lang);
    } else {
      if (this.form?.element.parentElement === shown.li) this.replyTo(null);
      shown.li.remove();
      this.shown.delete(id);
      this.newBar.seen(shown.li);
    }
  }

  private posted(posted: PostedComment): void {
    const page = this.page!;
    const held = posted.status === 'pending';
    if (posted.status !== 'deleted') {
      // The first comment on an article creates it: from now on it has an id.
      page.article.id ??= posted.comment.articleId;
      ownComments.add({ id: posted.comment.id, editToken: posted.editToken, editableUntil: posted.editableUntil, articleId: posted.comment.articleId });
    }
    this.replyTo(null);
    const echoed = this.shown.get(posted.comment.id);
    if (echoed) {
      // The live echo came before this answer and drew it as anyone's: now it gets Edit and Delete.
      echoed.held = held;
      refreshComment(echoed.li, echoed.comment, this.actionsFor(echoed.comment, held), this.t, this.lang);
    } else {
      this.arrived(posted.comment, held);
    }
    const li = this.shown.get(posted.comment.id)?.li;
    if (li) {
      this.newBar.seen(li);
      li.scrollIntoView({ block: 'nearest' });
    }
  }

  private onListClick(event: Event): void {
    const button = (event.target as HTMLElement).closest<HTMLButtonElement>('button[data-action]');
    const li = button?.closest<HTMLLIElement>('li.kolom-comment');
    const shown = li ? this.shown.get(Number(li.dataset.id)) : undefined;
    if (!button || !shown) return;
    if (button.dataset.action === 'reply') this.replyTo(shown);
    else if (button.dataset.action === 'edit') this.startEdit(shown);
    else if (button.dataset.action === 'delete') void this.deleteOwn(shown);
    else if (button.dataset.action === 'like') void this.toggleLike(shown, button);
  }

  /** "Editor's picks": a toggle that shows only the comments the newsroom picked, and back. */
  private picksFilter(): HTMLButtonElement {
    const toggle = h('button', { type: 'button', class: 'kolom-picks-filter', 'aria-pressed': 'false' }, this.t.editorsPicksFilter);
    toggle.addEventListener('click', () => {
      this.options.picks = !this.options.picks;
      toggle.setAttribute('aria-pressed', String(this.options.picks));
      void this.reload();
    });
    return toggle;
  }

  /** The reader chose another order: remembered, and the thread read again in it. */
  private async sortBy(sort: ThreadSort): Promise<void> {
    sortChoice.set(sort);
    this.options.sort = sort;
    await this.reload();
  }

  /** Pressed at once; the server's answer then says the count (and corrects the press if it must). */
  private async toggleLike(shown: Shown, button: HTMLButtonElement): Promise<void> {
    const liked = button.getAttribute('aria-pressed') !== 'true';
    const before = shown.comment.likes ?? 0;
    showLikes(button, Math.max(0, before + (liked ? 1 : -1)), liked);
    try {
      const answer = await this.api.like(shown.comment.id, liked);
      likedComments.set(shown.comment.id, answer.liked);
      shown.comment.likes = answer.likes;
      this.showLikesOf(shown);
    } catch {
      showLikes(button, before, !liked);
      this.status.textContent = this.t.likeFailed;
    }
  }

  /** A live batch of like counts. */
  private likesChanged(counts: Array<{ id: number; likes: number }>): void {
    for (const { id, likes } of counts) {
      const shown = this.shown.get(id);
      if (!shown || typeof likes !== 'number') continue;
      shown.comment.likes = likes;
      this.showLikesOf(shown);
    }
  }

  private showLikesOf(shown: Shown): void {
    const button = shown.li.querySelector<HTMLButtonElement>(':scope > article .kolom-like');
    if (button) showLikes(button, shown.comment.likes, likedComments.has(shown.comment.id));
  }

  /** As WordPress does it: the form moves under the comment answered, and back. */
  private replyTo(shown: Shown | null): void {
    if (!this.form) return;
    this.form.replyTo(shown?.comment.id ?? null, shown?.comment.author?.name ?? null);
    if (shown) {
      shown.li.querySelector(':scope > article')!.after(this.form.element);
      this.form.focus();
    } else {
      this.root.append(this.form.element);
    }
  }

  private startEdit(shown: Shown): void {
    const own = ownComments.find(shown.comment.id);
    const body = shown.li.querySelector<HTMLElement>(':scope > article .kolom-body');
    if (!own || !body || shown.li.querySelector(':scope > article .kolom-edit-box')) return;
    openEditBox(body, this.t, shown.comment.body ?? '', async (text) => {
      const edited = await this.api.edit(shown.comment.id, own.editToken, text);
      this.changed({ ...edited.comment, replies: [] });
      if (shown.held) refreshComment(shown.li, shown.comment, this.actionsFor(shown.comment, true), this.t, this.lang);
    });
  }

  private async deleteOwn(shown: Shown): Promise<void> {
    const own = ownComments.find(shown.comment.id);
    if (!own || !confirm(this.t.confirmDelete)) return;
    try {
      await this.api.remove(shown.comment.id, own.editToken);
      ownComments.forget(shown.comment.id);
      this.removed(shown.comment.id);
    } catch (failure) {
      this.status.textContent = serverMessage(this.t, (failure as ApiError).message || this.t.failed);
    }
  }

  private setTotal(total: number): void {
    this.total = total;
    this.heading.textContent = this.t.heading(total);
    this.setEmpty(total === 0 && this.list.children.length === 0);
  }

  /** An empty thread says so once: the invitation replaces "0 Comments". */
  private setEmpty(empty: boolean): void {
    let note = this.root.querySelector('.kolom-empty');
    this.heading.hidden = empty;
    if (empty && !note) {
      note = h('p', { class: 'kolom-empty' }, this.t.empty);
      this.list.before(note);
    } else if (!empty) {
      note?.remove();
      if (this.heading.textContent === this.t.loading) this.heading.textContent = this.t.heading(this.total);
    }
  }
}
