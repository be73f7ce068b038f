import { h, table } from '../ui.js';

/** An administration table whose rows come and go; its empty message stands in when it has none. */
export interface AdminTable {
  root: HTMLElement;
  body: HTMLTableSectionElement;
  /** What stands in for the rows when there are none. */
  empty: HTMLElement;
  add(id: number, cells: Array<Node | string>, where?: 'start' | 'end'): HTMLTableRowElement;
  /** Shows the empty message when no row is left. */
  sync(): void;
  clear(): void;
}

export function adminTable(caption: string, headings: string[], attributes: Record<string, string>, emptyText: string): AdminTable {
  const wrap = table(caption, headings, [], attributes);
  const body = wrap.querySelector('tbody') as HTMLTableSectionElement;
  const empty = h('p', { class: 'desk-empty' }, emptyText);
  const root = h('div', { class: 'desk-admin-list' }, wrap, empty);
  const sync = () => {
    wrap.hidden = body.rows.length === 0;
    empty.hidden = body.rows.length > 0;
  };
  sync();
  return {
    root,
    body,
    empty,
    add(id, cells, where = 'end') {
      const row = h('tr', { 'data-id': String(id) }, ...cells.map((cell) => h('td', {}, cell)));
      if (where === 'start') body.prepend(row);
      else body.append(row);
      sync();
      return row;
    },
    sync,
    clear() {
      body.replaceChildren();
      sync();
    },
  };
}

/** Before a row goes: focus moves to the next row's button (or the previous one's), not to the page's start. */
export function focusAfter(row: HTMLTableRowElement, section: HTMLElement): void {
  const neighbour = (row.nextElementSibling ?? row.previousElementSibling)?.querySelector<HTMLElement>('button');
  if (neighbour) return neighbour.focus();
  const heading = section.querySelector<HTMLElement>('h2');
  heading?.setAttribute('tabindex', '-1');
  heading?.focus();
}
