import { h } from '../../browser/dom.js';
import type { Catalogue } from './i18n/index.js';
import { THREAD_SORTS, type ThreadSort } from './types.js';

/** "Sort by: Oldest | Newest | Top", a native select (keyboard and screen readers know it). */
export function sortControl(current: ThreadSort, t: Catalogue, changed: (sort: ThreadSort) => void): HTMLLabelElement {
  const select = h('select', { class: 'kolom-sort-select' });
  for (const sort of THREAD_SORTS) select.append(h('option', { value: sort, selected: sort === current }, t.sorts[sort]));
  select.addEventListener('change', () => changed(select.value as ThreadSort));
  return h('label', { class: 'kolom-sort' }, `${t.sortLabel} `, select);
}
