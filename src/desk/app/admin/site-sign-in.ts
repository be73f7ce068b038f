import type { DeskContext } from '../context.js';
import type { ModeratedSite } from '../types.js';
import { clearErrors, field, h, showFieldErrors } from '../ui.js';
import { localised, notifyFailure } from './admin-forms.js';
import { twoStepButton } from './two-step-button.js';

/**
 * A site's reader sign-in (admins): how its tokens are checked now, a new HMAC secret (shown here
 * once, to copy to the site's server), an Ed25519 public key instead, or off. Each replaces the
 * last at once: a rotated secret stops working as soon as the new one is made.
 */
export function signInPanel(ctx: DeskContext, site: ModeratedSite): HTMLElement {
  const t = ctx.t.admin.signIn;
  const id = (key: string) => `site-${site.slug}-sign-in-${key}`;
  const state = h('p', { class: 'desk-sign-in-state', id: id('state') });
  const secretOut = h('p', { class: 'desk-sign-in-secret', role: 'status' });
  const show = (current: ModeratedSite['signIn']) => {
    site.signIn = current;
    state.textContent = t.states[current];
    off.disabled = current === 'off';
  };

  // Two clicks: the tokens signed the current way stop working at once.
  const makeSecret = twoStepButton(t.newSecret, t.confirmReplace, () =>
    ctx.api.newSignInSecret(site.slug).then(
      (made) => {
        show(made.signIn);
        const copy = h('input', { type: 'text', readonly: true, value: made.secret, 'aria-label': t.secretLabel, class: 'desk-secret' });
        secretOut.replaceChildren(t.secretOnce, ' ', copy);
        copy.select();
      },
      (error: unknown) => notifyFailure(ctx, error),
    ),
  );

  const key = h('textarea', { rows: '4', spellcheck: 'false', autocapitalize: 'off', name: 'publicKey', placeholder: '-----BEGIN PUBLIC KEY-----' });
  const keyForm = h('form', { class: 'desk-form desk-sign-in-key', novalidate: true }, field(id('key'), t.publicKey, key, t.publicKeyHint));
  keyForm.append(h('button', { type: 'submit', class: 'desk-button' }, t.useKey));
  keyForm.addEventListener('submit', (event) => {
    event.preventDefault();
    clearErrors(keyForm);
    ctx.api.setSignInKey(site.slug, key.value).then(
      (updated) => {
        show(updated.signIn);
        secretOut.textContent = '';
        ctx.notify(t.saved);
      },
      (error: unknown) => showFieldErrors(keyForm, localised(ctx, error), ctx.t.failed),
    );
  });

  const off = twoStepButton(t.turnOff, t.confirmOff, () =>
    ctx.api.turnSignInOff(site.slug).then(
      (updated) => {
        show(updated.signIn);
        secretOut.textContent = '';
      },
      (error: unknown) => notifyFailure(ctx, error),
    ),
  );

  show(site.signIn);
  return h(
    'section',
    { class: 'desk-sign-in', 'aria-labelledby': id('heading') },
    h('h4', { id: id('heading') }, t.heading),
    h('p', { class: 'desk-field-hint' }, t.intro),
    state,
    h('p', {}, makeSecret, ' ', off),
    secretOut,
    keyForm,
  );
}
