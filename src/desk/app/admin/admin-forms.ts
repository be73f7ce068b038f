import { serverMessage } from '../../../browser/i18n.js';
import { isApiError } from '../../../browser/request.js';
import type { DeskContext } from '../context.js';
import type { ApiError } from '../types.js';
import { h } from '../ui.js';

export function options(choices: Array<[value: string, label: string]>, selected?: string): HTMLOptionElement[] {
  return choices.map(([value, label]) => h('option', { value, selected: value === selected }, label));
}

/**
 * A failed call in the moderator's language: the server's known messages translated, its field
 * names mapped onto the form's controls by `rename` (a nested DTO answers `settings.maxDepth`).
 */
export function localised(ctx: DeskContext, error: unknown, rename: (field: string, message: string) => [string, string] = (f, m) => [f, m]): unknown {
  if (!isApiError(error)) return error;
  const say = (message: string) => serverMessage(ctx.t.admin, message);
  const fields = Object.fromEntries(Object.entries(error.fields).map(([field, message]) => rename(field, say(message))));
  return { status: error.status, message: say(error.message), fields } satisfies ApiError;
}

/** A failed call with no form to show it in: the status area. */
export function notifyFailure(ctx: DeskContext, error: unknown): void {
  ctx.notify(ctx.errorMessage(localised(ctx, error)), { error: true });
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

/** A textarea's entries as the server keeps lists: one per line, trimmed, blank lines and repeats dropped. */
export function lines(text: string): string[] {
  return [
    ...new Set(
      text
        .split('\n')
        .map((line) => line.trim())
        .filter((line) => line !== ''),
    ),
  ];
}
