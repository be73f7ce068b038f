import { h } from '../../browser/dom.js';
import { serverMessage } from '../../browser/i18n.js';
import type { Catalogue } from './i18n/index.js';
import type { ApiError } from './types.js';

/**
 * The author's edit of their comment, in place: the text gives way to a box until it is cancelled,
 * or saved (`save` resolves once the comment shows the new text, which replaces the box). A refusal
 * is shown in the box, in the reader's language, and the text they typed stays.
 */
export function openEditBox(body: HTMLElement, t: Catalogue, text: string, save: (text: string) => Promise<void>): void {
  const textarea = h('textarea', { 'aria-label': t.comment, rows: '5' });
  textarea.value = text;
  const error = h('p', { class: 'kolom-error', role: 'alert' });
  const saveButton = h('button', { type: 'button' }, t.save);
  const cancel = h('button', { type: 'button' }, t.cancel);
  const box = h('div', { class: 'kolom-edit-box' }, textarea, error, h('div', { class: 'kolom-actions' }, saveButton, cancel));
  body.hidden = true;
  body.after(box);
  textarea.focus();
  cancel.addEventListener('click', () => {
    box.remove();
    body.hidden = false;
  });
  saveButton.addEventListener('click', () => {
    save(textarea.value).catch((failure: unknown) => {
      const problem = failure as ApiError;
      error.textContent = serverMessage(t, problem.fields?.body ?? problem.message ?? t.failed);
    });
  });
}
