import { serverMessage } from '../../browser/i18n.js';
import { isApiError } from '../../browser/request.js';
import type { DeskApi } from './api.js';
import type { DeskContext, View } from './context.js';
import type { DeskCatalogue } from './i18n/en.js';
import type { ApiError, CurrentSession } from './types.js';
import { clearErrors, field, h, showFieldErrors } from './ui.js';

/** The server's rule (MIN_PASSWORD_LENGTH), checked here first only to spare a round trip; the server's answer decides. */
const MIN_LENGTH = 12;

/**
 * Choosing one's own password: the current one, then the new one twice. The same form serves the
 * screen shown before the queues while the password is one someone else set (the first start's,
 * an admin's), and the header's "Change password". `idPrefix` keeps its field ids unique on a page.
 */
export function passwordForm(t: DeskCatalogue, api: DeskApi, idPrefix: string, changed: (session: CurrentSession) => void): HTMLFormElement {
  const current = h('input', { type: 'password', name: 'currentPassword', autocomplete: 'current-password', required: true, maxlength: '200' });
  const fresh = h('input', {
    type: 'password',
    name: 'newPassword',
    autocomplete: 'new-password',
    required: true,
    minlength: String(MIN_LENGTH),
    maxlength: '200',
  });
  const repeat = h('input', { type: 'password', name: 'repeatPassword', autocomplete: 'new-password', required: true, maxlength: '200' });
  const submit = h('button', { type: 'submit', class: 'desk-button desk-button-primary' }, t.savePassword);
  const form = h(
    'form',
    { class: 'desk-password-form', novalidate: true },
    field(`${idPrefix}-current`, t.currentPassword, current),
    field(`${idPrefix}-new`, t.newPassword, fresh, t.newPasswordHint(MIN_LENGTH)),
    field(`${idPrefix}-repeat`, t.repeatPassword, repeat),
    h('p', { class: 'desk-form-error', role: 'alert' }),
    submit,
  );
  const refuse = (fields: Record<string, string>) => {
    showFieldErrors(form, { status: 400, message: '', fields } satisfies ApiError, t.failed);
    form.querySelector<HTMLElement>('[aria-invalid="true"]')?.focus();
  };
  form.addEventListener('submit', (event) => {
    event.preventDefault();
    clearErrors(form);
    const missing = [current, fresh, repeat].filter((input) => !input.value);
    if (missing.length > 0) return refuse(Object.fromEntries(missing.map((input) => [input.name, t.requiredFields])));
    if (fresh.value.length < MIN_LENGTH) return refuse({ newPassword: t.passwordTooShort });
    if (fresh.value !== repeat.value) return refuse({ repeatPassword: t.passwordsDiffer });
    submit.disabled = true;
    submit.textContent = t.savingPassword;
    form.setAttribute('aria-busy', 'true');
    api.changePassword(current.value, fresh.value).then(
      (session) => {
        form.reset();
        changed(session);
      },
      (failure: unknown) => {
        submit.disabled = false;
        submit.textContent = t.savePassword;
        form.removeAttribute('aria-busy');
        showFieldErrors(form, inLanguage(t, failure), t.failed);
        (form.querySelector<HTMLElement>('[aria-invalid="true"]') ?? current).focus();
      },
    );
  });
  return form;
}

/** The header's "Change password" screen (`#/account/password`). */
export function passwordView(ctx: DeskContext): View {
  const form = passwordForm(ctx.t, ctx.api, 'account-password', () => {
    ctx.notify(ctx.t.passwordChanged);
    ctx.go('#/queue/pending');
  });
  setTimeout(() => form.querySelector<HTMLInputElement>('input')?.focus());
  return { root: h('section', { class: 'desk-account' }, h('h2', {}, ctx.t.changePasswordHeading), form) };
}

/** A refusal in the moderator's language; a network failure (status 0) says so generically. */
function inLanguage(t: DeskCatalogue, failure: unknown): unknown {
  if (!isApiError(failure) || failure.status === 0) return { status: 0, message: t.failed, fields: {} } satisfies ApiError;
  const fields = Object.fromEntries(Object.entries(failure.fields).map(([name, message]) => [name, serverMessage(t, message)]));
  return { ...failure, message: serverMessage(t, failure.message), fields } satisfies ApiError;
}
