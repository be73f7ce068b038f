import type { DeskContext } from './context.js';
import { button, h } from './ui.js';

/** A change to the queue's address: each named filter set to a value, or removed with null. */
export type FilterChange = Record<string, string | null>;

/**
 * Above a queue: the search box, the order, and the filters in force (the search, the article),
 * each with a way to clear it. Every change goes to the address through `go`, never to the list
 * directly, so Back undoes it and a view can be shared.
 */
export function queueToolbar(
  ctx: DeskContext,
  params: URLSearchParams,
  go: (change: FilterChange) => void,
): { element: HTMLElement; search: HTMLInputElement } {
  const { t } = ctx;
  const searching = params.get('q') ?? params.get('email') ?? '';
  const search = h('input', { type: 'search', id: 'desk-search', name: 'q', value: searching, placeholder: t.searchPlaceholder, maxlength: '200' });
  const form = h(
    'form',
    { class: 'desk-search', role: 'search' },
    h('label', { for: 'desk-search', class: 'desk-visually-hidden' }, t.search),
    search,
    h('button', { type: 'submit', class: 'desk-button' }, t.searchButton),
  );
  form.addEventListener('submit', (event) => {
    event.preventDefault();
    const value = search.value.trim();
    // An address searches by author; anything else searches the text and the author's name.
    const isEmail = /^[^\s@]+@[^\s@]+$/.test(value);
    go({ q: isEmail ? null : value || null, email: isEmail ? value : null });
  });
  const sort = h(
    'select',
    { id: 'desk-sort' },
    h('option', { value: 'newest' }, t.newest),
    h('option', { value: 'oldest', selected: params.get('sort') === 'oldest' }, t.oldest),
  );
  sort.addEventListener('change', () => go({ sort: sort.value === 'oldest' ? 'oldest' : null }));
  const element = h('div', { class: 'desk-toolbar' }, form, h('label', { for: 'desk-sort', class: 'desk-visually-hidden' }, t.sort), sort);
  if (searching) element.append(button(t.clearSearch, () => go({ q: null, email: null }), { class: 'desk-button desk-clear-search' }));
  const article = Number(params.get('article'));
  if (article > 0) {
    const label = h('span', {}, t.articleFilter(`#${article}`));
    ctx.api.article(article).then(
      (found) => (label.textContent = t.articleFilter(found.title || found.url)),
      () => undefined,
    );
    element.append(
      h(
        'span',
        { class: 'desk-filter-chip' },
        label,
        button(t.clearArticle, () => go({ article: null }), { class: 'desk-link desk-clear-article' }),
      ),
    );
  }
  return { element, search };
}
