import { h } from '../../browser/dom.js';
import { isApiError } from '../../browser/request.js';

export { h };

/** A desk button; `primary` and `danger` are its two emphases. */
export function button(label: string, onClick: (event: MouseEvent) => void, attributes: Record<string, string | boolean | undefined> = {}): HTMLButtonElement {
  const { variant, ...rest } = attributes;
  const element = h('button', { type: 'button', class: `desk-button${variant ? ` desk-button-${variant}` : ''}`, ...rest }, label);
  element.addEventListener('click', onClick);
  return element;
}

/**
 * A labelled form field with its error line under it, tied together for screen readers
 * (aria-describedby); the error text is filled by showFieldErrors.
 */
export function field(id: string, label: string, control: HTMLInputElement | HTMLSelectElement | HTMLTextAreaElement, hint?: string): HTMLDivElement {
  control.id = id;
  const errorId = `${id}-error`;
  const hintId = hint ? `${id}-hint` : undefined;
  control.setAttribute('aria-describedby', [hintId, errorId].filter(Boolean).join(' '));
  return h(
    'div',
    { class: 'desk-field' },
    h('label', { for: id }, label),
    control,
    hint ? h('span', { class: 'desk-field-hint', id: hintId }, hint) : null,
    h('p', { class: 'desk-field-error', id: errorId, 'aria-live': 'polite' }),
  );
}

/**
 * Puts a failed call's messages where they belong: each field's beside it (the server names the
 * field in `fields`), the rest in the form's own error line.
 */
export function showFieldErrors(form: HTMLElement, error: unknown, fallback: string): void {
  for (const control of form.querySelectorAll('[aria-invalid]')) control.removeAttribute('aria-invalid');
  for (const line of form.querySelectorAll('.desk-field-error')) line.textContent = '';
  const formError = form.querySelector('.desk-form-error');
  let shown = false;
  if (isApiError(error)) {
    for (const [name, message] of Object.entries(error.fields)) {
      const control = form.querySelector<HTMLElement>(`[name="${CSS.escape(name)}"]`);
      const line = control ? form.querySelector(`#${CSS.escape(control.id)}-error`) : null;
      if (!control || !line) continue;
      control.setAttribute('aria-invalid', 'true');
      line.textContent = message;
      shown = true;
    }
  }
  if (formError) formError.textContent = shown ? '' : isApiError(error) && error.message ? error.message : fallback;
}

export function clearErrors(form: HTMLElement): void {
  for (const control of form.querySelectorAll('[aria-invalid]')) control.removeAttribute('aria-invalid');
  for (const line of form.querySelectorAll('.desk-field-error, .desk-form-error')) line.textContent = '';
}

/**
 * A table with a header row; rows are arrays of cells (text or nodes). `class` adds to desk-table.
 * Its wrapper scrolls sideways on a narrow screen, and takes focus so the keyboard can scroll it.
 */
export function table(caption: string, headings: string[], rows: Array<Array<Node | string>>, attributes: Record<string, string> = {}): HTMLDivElement {
  const { class: extra, ...rest } = attributes;
  return h(
    'div',
    { class: 'desk-table-wrap', tabindex: '0', role: 'region', 'aria-label': caption },
    h(
      'table',
      { class: extra ? `desk-table ${extra}` : 'desk-table', ...rest },
      h('caption', { class: 'desk-visually-hidden' }, caption),
      h('thead', {}, h('tr', {}, ...headings.map((heading) => h('th', { scope: 'col' }, heading)))),
      h('tbody', {}, ...rows.map((cells) => h('tr', {}, ...cells.map((cell) => h('td', {}, cell))))),
    ),
  );
}
