import { type DeskContext, isApiError } from '../context.js';
import type { ApiError, ModeratedSite } from '../types.js';
import { button, h, table } from '../ui.js';

/** The section every administration screen is: its class, its heading. */
export function adminSection(name: string, heading: string): HTMLElement {
  return h('section', { class: `desk-admin desk-admin-${name}`, 'aria-labelledby': `desk-admin-${name}-heading` }, h('h2', { id: `desk-admin-${name}-heading` }, heading));
}

/** The sites the header's picker points at: the one picked, or every site of this moderator. */
export function sitesInScope(ctx: DeskContext): ModeratedSite[] {
  const picked = ctx.site();
  return picked ? [picked] : ctx.sites;
}

/** A `<time>` in the moderator's language, its ISO value for machines. */
export function timeFormatter(ctx: DeskContext): (iso: string) => HTMLTimeElement {
  const format = new Intl.DateTimeFormat(ctx.lang, { dateStyle: 'medium', timeStyle: 'short' });
  return (iso) => h('time', { datetime: iso }, format.format(new Date(iso)));
}

export function options(choices: Array<[value: string, label: string]>, selected?: string): HTMLOptionElement[] {
  return choices.map(([value, label]) => h('option', { value, selected: value === selected }, label));
}

/**
 * A button that asks before it acts, without a dialog: the first press turns it into "Confirm …",
 * the second acts. Leaving it (focus elsewhere, Escape) takes the question back.
 */
export function twoStepButton(label: string, confirmLabel: string, act: () => Promise<void>, attributes: Record<string, string> = {}): HTMLButtonElement {
  let armed = false;
  const disarm = () => {
    armed = false;
    element.textContent = label;
    element.removeAttribute('data-confirm');
    if (attributes['aria-label']) element.setAttribute('aria-label', attributes['aria-label']);
  };
  const element = button(
    label,
    () => {
      if (!armed) {
        armed = true;
        element.textContent = confirmLabel;
        element.setAttribute('data-confirm', '');
        // The visible words are the question now; a screen reader reads them too.
        element.removeAttribute('aria-label');
        return;
      }
      element.disabled = true;
      act().finally(() => {
        element.disabled = false;
        disarm();
      });
    },
    { variant: 'danger', ...attributes },
  );
  element.addEventListener('blur', () => {
    if (armed && !element.disabled) disarm();
  });
  element.addEventListener('keydown', (event) => {
    if (event.key === 'Escape' && armed) {
      event.stopPropagation();
      disarm();
    }
  });
  return element;
}

/**
 * A failed call in the moderator's language: the server's known messages translated, its field
 * names mapped onto the form's controls by `rename` (a nested DTO answers `settings.maxDepth`).
 */
export function localised(ctx: DeskContext, error: unknown, rename: (field: string, message: string) => [string, string] = (f, m) => [f, m]): unknown {
  if (!isApiError(error)) return error;
  const say = (message: string) => ctx.t.admin.serverMessages[message] ?? message;
  const fields = Object.fromEntries(Object.entries(error.fields).map(([field, message]) => rename(field, say(message))));
  return { status: error.status, message: say(error.message), fields } satisfies ApiError;
}

/** A failed call with no form to show it in: the status area. */
export function notifyFailure(ctx: DeskContext, error: unknown): void {
  ctx.notify(ctx.errorMessage(localised(ctx, error)), { error: true });
}

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

/**
 * Fills `into` with what `load` returns, showing "Loading…" meanwhile and, when it fails, the
 * reason with a Try again button.
 */
export function loadInto(ctx: DeskContext, into: HTMLElement, load: () => Promise<Node[]>): void {
  const status = h('p', { class: 'desk-empty', role: 'status' }, ctx.t.loading);
  into.replaceChildren(status);
  load().then(
    (nodes) => into.replaceChildren(...nodes),
    (error: unknown) => {
      into.replaceChildren(
        h('p', { class: 'desk-notice', role: 'alert' }, isApiError(error) && error.message ? ctx.errorMessage(localised(ctx, error)) : ctx.t.loadFailed),
        button(ctx.t.retry, () => loadInto(ctx, into, load)),
      );
    },
  );
}

/** What admins alone may see, shown to anyone else who types its address. */
export function adminsOnly(ctx: DeskContext, section: HTMLElement): boolean {
  if (ctx.me.role === 'admin') return false;
  section.append(h('p', { class: 'desk-notice' }, ctx.t.admin.adminsOnly));
  return true;
}

/** A submit button that stays pressed while the form's call is under way. */
export async function submitting<T>(form: HTMLFormElement, work: () => Promise<T>): Promise<T> {
  const submit = form.querySelector<HTMLButtonElement>('button[type="submit"]');
  if (submit) submit.disabled = true;
  form.setAttribute('aria-busy', 'true');
  try {
    return await work();
  } finally {
    if (submit) submit.disabled = false;
    form.removeAttribute('aria-busy');
  }
}

/** After a refusal, keyboard focus goes to the first field the server objected to (a group: its first box). */
export function focusFirstInvalid(form: HTMLFormElement): void {
  const invalid = form.querySelector<HTMLElement>('[aria-invalid="true"]');
  const target = invalid instanceof HTMLFieldSetElement ? invalid.querySelector<HTMLElement>('input') : invalid;
  (target ?? form.querySelector<HTMLElement>('button[type="submit"]'))?.focus();
}

/** Before a row goes: focus moves to the next row's button (or the previous one's), not to the page's start. */
export function focusAfter(row: HTMLTableRowElement, section: HTMLElement): void {
  const neighbour = (row.nextElementSibling ?? row.previousElementSibling)?.querySelector<HTMLElement>('button');
  if (neighbour) return neighbour.focus();
  const heading = section.querySelector<HTMLElement>('h2');
  heading?.setAttribute('tabindex', '-1');
  heading?.focus();
}
