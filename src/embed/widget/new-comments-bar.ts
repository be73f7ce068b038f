import { h } from '../../browser/dom.js';
import type { Catalogue } from './i18n/index.js';

/**
 * "3 new comments": live arrivals the reader has not seen yet, counted until each comes into view,
 * and a button that scrolls to the first of them. Without IntersectionObserver nothing is counted
 * (the bar never shows), which is the old behaviour of such browsers.
 */
export class NewCommentsBar {
  readonly element = h('button', { type: 'button', class: 'kolom-new-bar', hidden: true });
  private readonly unseen = new Set<HTMLLIElement>();
  private readonly watcher: IntersectionObserver | null;

  constructor(private readonly t: Catalogue) {
    this.element.addEventListener('click', () => this.scrollToFirst());
    this.watcher =
      typeof IntersectionObserver === 'function'
        ? new IntersectionObserver((entries) => {
            // The first report on a new comment says whether it landed in view; later ones, when it comes into view.
            for (const entry of entries) if (entry.isIntersecting) this.seen(entry.target as HTMLLIElement);
            this.update();
          })
        : null;
  }

  /** A comment that just arrived live: seen at once when it lands in view, counted while the reader is elsewhere. */
  arrived(li: HTMLLIElement): void {
    if (!this.watcher) return;
    this.unseen.add(li);
    this.watcher.observe(li);
  }

  /** Seen, or gone from the page: no longer counted. */
  seen(li: Element): void {
    if (!this.unseen.delete(li as HTMLLIElement)) return;
    this.watcher?.unobserve(li);
    this.update();
  }

  private update(): void {
    const count = [...this.unseen].filter((li) => li.isConnected).length;
    this.element.hidden = count === 0;
    this.element.textContent = count > 0 ? this.t.newComments(count) : '';
  }

  private scrollToFirst(): void {
    const first = [...this.unseen].find((li) => li.isConnected);
    first?.scrollIntoView({ behavior: 'smooth', block: 'center' });
  }
}
