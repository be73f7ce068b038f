import type { DeskContext, View } from './context.js';
import { focusFirstInvalid, localised, submitting } from './admin/admin-forms.js';
import { loadInto } from './admin/admin-screen.js';
import { HELD_MAIL_CHOICES, type HeldMailSettings } from './types.js';
import { clearErrors, field, h, showFieldErrors } from './ui.js';

const FORM = 'account-mail';
/** The server's bounds (a minute to a day), on the input only to help the browser's spinner. */
const MINUTES = { min: 1, max: 1440 };

/**
 * The header's "Email settings" screen (`#/account/mail`): whether Kolom emails this moderator
 * about comments held on their sites, one email each, a digest every N minutes, or none. The
 * current choice is read afresh from the session: another tab may have changed it.
 */
export function heldMailView(ctx: DeskContext): View {
  const area = h('div', {});
  loadInto(ctx, area, async () => {
    const { moderator } = await ctx.api.session();
    return [heldMailForm(ctx, moderator)];
  });
  return { root: h('section', { class: 'desk-account desk-account-mail' }, h('h2', {}, ctx.t.mailSettingsHeading), area) };
}

function heldMailForm(ctx: DeskContext, current: HeldMailSettings): HTMLFormElement {
  const { t } = ctx;
  const minutes = h('input', {
    type: 'number',
    name: 'heldMailMinutes',
    min: String(MINUTES.min),
    max: String(MINUTES.max),
    step: '1',
    inputmode: 'numeric',
    required: true,
  });
  minutes.value = String(current.heldMailMinutes);
  const digestLabel = h('span', {}, t.heldMailChoices.digest(current.heldMailMinutes));
  // The digest's choice names its interval as it is typed, so the radio reads whole to a screen reader.
  minutes.addEventListener('input', () => (digestLabel.textContent = t.heldMailChoices.digest(Number(minutes.value) || 0)));
  const radios = HELD_MAIL_CHOICES.map((choice) =>
    h('input', { type: 'radio', name: 'heldMail', id: `${FORM}-${choice}`, value: choice, checked: choice === current.heldMail }),
  );
  const label = (index: number, text: Node | string) => h('label', { class: 'desk-check', for: radios[index].id }, radios[index], text);
  const form = h(
    'form',
    { class: 'desk-form', id: FORM, novalidate: true },
    h(
      'fieldset',
      { class: 'desk-held-mail-choice' },
      h('legend', {}, t.heldMailLegend),
      h('div', {}, label(0, t.heldMailChoices.each)),
      h('div', {}, label(1, digestLabel)),
      h('div', {}, label(2, t.heldMailChoices.none)),
    ),
    field(`${FORM}-minutes`, t.heldMailMinutes, minutes, t.heldMailMinutesHint(MINUTES.min, MINUTES.max)),
    h('p', { class: 'desk-form-error', role: 'alert' }),
    h('button', { type: 'submit', class: 'desk-button desk-button-primary' }, t.save),
  );
  form.addEventListener('submit', (event) => {
    event.preventDefault();
    clearErrors(form);
    const heldMail = radios.find((radio) => radio.checked)?.value as HeldMailSettings['heldMail'];
    // A number the server can judge (it answers 400 with its message beside the field); "" is not one.
    const settings: HeldMailSettings = { heldMail, heldMailMinutes: minutes.value === '' ? Number.NaN : Number(minutes.value) };
    submitting(form, () => ctx.api.changeHeldMail(settings)).then(
      (saved) => {
        minutes.value = String(saved.heldMailMinutes);
        digestLabel.textContent = t.heldMailChoices.digest(saved.heldMailMinutes);
        ctx.notify(t.heldMailSaved);
      },
      (failure: unknown) => {
        showFieldErrors(form, localised(ctx, failure), t.failed);
        focusFirstInvalid(form);
        ctx.notify(t.heldMailNotSaved, { error: true });
      },
    );
  });
  return form;
}
