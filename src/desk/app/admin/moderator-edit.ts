import type { DeskContext } from '../context.js';
import type { Moderator } from '../types.js';
import { button, clearErrors, field, h, showFieldErrors } from '../ui.js';
import { focusFirstInvalid, localised, options, submitting } from './admin-forms.js';

/**
 * The sites a moderator works on, one box each. The group carries the field's name, so the
 * server's `sites` message lands beside it; ids are `${form}-site-${slug}`.
 */
export function sitesChoice(ctx: DeskContext, form: string, checked: (slug: string) => boolean): { group: HTMLFieldSetElement; chosen: () => string[] } {
  const t = ctx.t.admin.moderators;
  const boxes = ctx.sites.map((site) => h('input', { type: 'checkbox', id: `${form}-site-${site.slug}`, value: site.slug, checked: checked(site.slug) }));
  const group = h(
    'fieldset',
    { class: 'desk-field desk-sites-choice', id: `${form}-sites`, name: 'sites', 'aria-describedby': `${form}-sites-hint ${form}-sites-error` },
    h('legend', { class: 'desk-label' }, t.sites),
    h('span', { class: 'desk-field-hint', id: `${form}-sites-hint` }, t.sitesHint),
    ...boxes.map((box, i) =>
      h(
        'label',
        { class: 'desk-check', for: box.id },
        box,
        ctx.sites[i].name === ctx.sites[i].slug ? ctx.sites[i].slug : `${ctx.sites[i].name} (${ctx.sites[i].slug})`,
      ),
    ),
    h('p', { class: 'desk-field-error', id: `${form}-sites-error`, 'aria-live': 'polite' }),
  );
  return { group, chosen: () => boxes.filter((box) => box.checked).map((box) => box.value) };
}

const FORM = 'desk-edit-moderator';

export interface ModeratorEditor {
  form: HTMLFormElement;
  /** Shows the form for this account, its role and sites filled in. */
  edit(moderator: Moderator): void;
}

/**
 * An account's role and sites (admins). Saving a change ends the account's sessions, so that its
 * live queue follows the new sites at once: it signs in again (an admin editing their own row too).
 */
export function moderatorEditor(ctx: DeskContext, saved: (moderator: Moderator) => void): ModeratorEditor {
  const t = ctx.t.admin.moderators;
  const heading = h('h3', { id: `${FORM}-heading` });
  const role = h(
    'select',
    { name: 'role' },
    ...options([
      ['moderator', t.roles.moderator],
      ['admin', t.roles.admin],
    ]),
  );
  const area = h('div', {});
  const form = h(
    'form',
    { class: 'desk-form', id: FORM, novalidate: true, hidden: true, 'aria-labelledby': `${FORM}-heading` },
    heading,
    h('p', { class: 'desk-field-hint' }, t.editHint),
    field(`${FORM}-role`, t.role, role, t.roleHint),
    area,
    h('p', { class: 'desk-form-error', role: 'alert' }),
    h('button', { type: 'submit', class: 'desk-button desk-button-primary' }, t.save),
    ' ',
    button(t.cancel, () => close()),
  );
  let editing: Moderator | null = null;
  let sites = sitesChoice(ctx, FORM, () => false);
  const showSites = () => {
    sites.group.hidden = role.value === 'admin';
  };
  role.addEventListener('change', showSites);
  const close = () => {
    const was = editing;
    editing = null;
    form.hidden = true;
    if (was) document.querySelector<HTMLElement>(`tr[data-id="${was.id}"] button`)?.focus();
  };

  form.addEventListener('submit', (event) => {
    event.preventDefault();
    if (!editing) return;
    const moderator = editing;
    clearErrors(form);
    const change = { role: role.value, sites: role.value === 'admin' ? undefined : sites.chosen() };
    const before = moderator.sites === 'all' ? [] : [...moderator.sites].sort();
    if (change.role === moderator.role && (change.role === 'admin' || JSON.stringify([...change.sites!].sort()) === JSON.stringify(before))) {
      return ctx.notify(t.unchanged);
    }
    submitting(form, () => ctx.api.changeModerator(moderator.id, change)).then(
      (updated) => {
        close();
        saved(updated);
        ctx.notify(t.changed(updated.email));
      },
      (error: unknown) => {
        showFieldErrors(form, localised(ctx, error), ctx.t.failed);
        focusFirstInvalid(form);
      },
    );
  });

  return {
    form,
    edit(moderator) {
      editing = moderator;
      clearErrors(form);
      heading.textContent = t.editHeading(moderator.email);
      role.value = moderator.role;
      // The boxes afresh, for the sites the desk knows now (one may have been added meanwhile).
      sites = sitesChoice(ctx, FORM, (slug) => moderator.sites !== 'all' && moderator.sites.includes(slug));
      area.replaceChildren(sites.group);
      showSites();
      form.hidden = false;
      role.focus();
    },
  };
}
