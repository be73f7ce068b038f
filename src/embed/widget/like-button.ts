import { h } from '../../browser/dom.js';
import type { Catalogue } from './i18n/index.js';
import type { ReactionSymbol } from './types.js';

const SYMBOLS: Record<ReactionSymbol, string> = { heart: '♥', thumb: '👍' };

/**
 * A comment's like button: the site's symbol and the count, "Like" for screen readers, pressed
 * (aria-pressed) when this browser liked it. ThreadView sends the like and keeps it current.
 */
export function likeButton(likes: number, pressed: boolean, symbol: ReactionSymbol, t: Catalogue): HTMLButtonElement {
  const button = h(
    'button',
    { type: 'button', class: 'kolom-like', 'data-action': 'like' },
    h('span', { class: 'kolom-like-symbol', 'aria-hidden': 'true' }, SYMBOLS[symbol] ?? SYMBOLS.heart),
    h('span', { class: 'kolom-visually-hidden' }, t.like),
    h('span', { class: 'kolom-like-count' }),
  );
  showLikes(button, likes, pressed);
  return button;
}

/** A count or a pressed state changed (the reader's click, the server's answer, a live batch). */
export function showLikes(button: HTMLButtonElement, likes: number, pressed: boolean): void {
  button.setAttribute('aria-pressed', String(pressed));
  button.querySelector('.kolom-like-count')!.textContent = likes > 0 ? String(likes) : '';
}
