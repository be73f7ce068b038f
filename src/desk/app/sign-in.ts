import { serverMessage } from '../../browser/i18n.js';
import { isApiError } from '../../browser/request.js';
import { DeskApi } from './api.js';
import type { Language } from './i18n/index.js';
import type { SignedIn } from './types.js';
import { clearErrors, field, h } from './ui.js';

/**
 * The sign-in form. The server answers one message for an unknown email and a wrong password
 * (it says nothing about which accounts exist); the form shows whatever it answers, in one place.
 */
export function signInForm(language: Language, notice: string | undefined, signedIn: (session: SignedIn) => void): HTMLElement {
  const { t } = language;
  const email = h('input', { type: 'email', name: 'email', autocomplete: 'username', required: true, maxlength: '100' });
  const password = h('input', { type: 'password', name: 'password', autocomplete: 'current-password', required: true, maxlength: '1024' });
  const submit = h('button', { type: 'submit', class: 'desk-button desk-button-primary' }, t.signIn);
  const error = h('p', { class: 'desk-form-error', role: 'alert' });
  const form = h(
    'form',
    { class: 'desk-sign-in-form', novalidate: true },
    field('sign-in-email', t.email, email),
    field('sign-in-password', t.password, password),
    error,
    submit,
  );
  form.addEventListener('submit', (event) => {
    event.preventDefault();
    clearErrors(form);
    if (!email.value.trim() || !password.value) {
      error.textContent = t.requiredFields;
      (email.value.trim() ? password : email).focus();
      return;
    }
    submit.disabled = true;
    submit.textContent = t.signingIn;
    DeskApi.signIn(email.value.trim(), password.value).then(
      (session) => signedIn(session),
      (failure: unknown) => {
        submit.disabled = false;
        submit.textContent = t.signIn;
        password.value = '';
        error.textContent = isApiError(failure) && failure.status !== 0 && failure.message ? serverMessage(t, failure.message) : t.failed;
        password.focus();
      },
    );
  });
  setTimeout(() => email.focus());
  return h('div', { class: 'desk-sign-in' }, h('h1', {}, t.signInHeading), notice ? h('p', { class: 'desk-notice', role: 'status' }, notice) : null, form);
}
