import { isApiError } from '../../../browser/request.js';
import type { DeskContext } from '../context.js';
import type { ModeratedSite } from '../types.js';
import { button, h } from '../ui.js';
import { localised } from './admin-forms.js';

/** The section every administration screen is: its class, its heading. */
export function adminSection(name: string, heading: string): HTMLElement {
  return h(
    'section',
    { class: `desk-admin desk-admin-${name}`, 'aria-labelledby': `desk-admin-${name}-heading` },
    h('h2', { id: `desk-admin-${name}-heading` }, heading),
  );
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
