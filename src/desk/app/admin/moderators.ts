import type { DeskContext, View } from '../context.js';
import type { Moderator } from '../types.js';
import { button, clearErrors, field, h, showFieldErrors } from '../ui.js';
import { focusFirstInvalid, localised, notifyFailure, options, submitting } from './admin-forms.js';
import { adminSection, adminsOnly, loadInto, timeFormatter } from './admin-screen.js';
import { adminTable, focusAfter } from './admin-table.js';
import { moderatorEditor, sitesChoice } from './moderator-edit.js';
import { twoStepButton } from './two-step-button.js';

const FORM = 'desk-new-moderator';

/**
 * Moderator accounts (admins): who works on which site, adding one (with a password Kolom makes
 * up and shows once), changing one's role and sites, and removing one. With a site picked in the header, the list shows who works
 * on it: its moderators and every admin.
 */
export function moderatorsView(ctx: DeskContext): View {
  const t = ctx.t.admin.moderators;
  const root = adminSection('moderators', ctx.t.moderatorsTab);
  if (adminsOnly(ctx, root)) return { root };
  const when = timeFormatter(ctx);
  const picked = ctx.site();
  const list = adminTable(t.caption, [t.name, t.email, t.role, t.sites, t.created, t.actions], { class: 'desk-moderators' }, t.empty);
  let moderators: Moderator[] = [];

  const render = () => {
    list.clear();
    const shown = moderators.filter((m) => !picked || m.sites === 'all' || m.sites.includes(picked.slug));
    for (const moderator of shown.sort((a, b) => a.email.localeCompare(b.email))) addRow(moderator);
  };
  const addRow = (moderator: Moderator) => {
    const itsMe = moderator.id === ctx.me.id;
    const row = list.add(moderator.id, [
      itsMe ? `${moderator.name} ${t.you}` : moderator.name,
      moderator.email,
      t.roles[moderator.role] ?? moderator.role,
      moderator.sites === 'all' ? t.allSites : moderator.sites.join(', '),
      when(moderator.createdAt),
      h(
        'span',
        { class: 'desk-row-actions' },
        button(t.edit, () => editor.edit(moderator), { 'aria-label': t.editLabel(moderator.email), 'aria-controls': editor.form.id }),
        ' ',
        // Your own row too: the server refuses to remove the last admin and says so; any other
        // account removed, yours included, has its sessions ended at once.
        twoStepButton(t.remove, t.confirmRemove, () => remove(moderator, row), { 'aria-label': t.removeLabel(moderator.email) }),
      ),
    ]);
  };
  const remove = async (moderator: Moderator, row: HTMLTableRowElement) => {
    try {
      await ctx.api.removeModerator(moderator.id);
    } catch (error) {
      return notifyFailure(ctx, error);
    }
    moderators = moderators.filter((m) => m.id !== moderator.id);
    focusAfter(row, root);
    row.remove();
    list.sync();
    ctx.notify(t.removed(moderator.email));
  };

  const editor = moderatorEditor(ctx, (updated) => {
    moderators = moderators.map((m) => (m.id === updated.id ? updated : m));
    render();
  });
  const listArea = h('div', {});
  loadInto(ctx, listArea, async () => {
    moderators = await ctx.api.moderators();
    render();
    return [list.root];
  });

  const secret = h('div', { class: 'desk-new-password', tabindex: '-1', hidden: true });
  const form = newModeratorForm(ctx, (created, password) => {
    moderators.push(created);
    render();
    ctx.notify(t.added(created.email));
    if (!password) {
      secret.hidden = true;
      secret.replaceChildren();
      return;
    }
    const hide = () => {
      secret.hidden = true;
      secret.replaceChildren();
      form.querySelector<HTMLElement>('input')?.focus();
    };
    secret.replaceChildren(
      h('p', {}, t.passwordFor(created.email)),
      h('p', { class: 'desk-secret' }, password),
      h('p', { class: 'desk-field-hint' }, t.passwordOnce),
      button(ctx.t.admin.hide, hide),
    );
    secret.hidden = false;
    secret.focus();
  });
  root.append(listArea, editor.form, form, secret);
  // The password is not left in a page kept around after the moderator moved on.
  return { root, close: () => secret.replaceChildren() };
}

function newModeratorForm(ctx: DeskContext, created: (moderator: Moderator, password?: string) => void): HTMLFormElement {
  const t = ctx.t.admin.moderators;
  const picked = ctx.site();
  const email = h('input', { type: 'email', name: 'email', autocomplete: 'off', required: true, maxlength: '100' });
  const name = h('input', { type: 'text', name: 'name', autocomplete: 'off', maxlength: '100' });
  const role = h(
    'select',
    { name: 'role' },
    ...options(
      [
        ['moderator', t.roles.moderator],
        ['admin', t.roles.admin],
      ],
      'moderator',
    ),
  );
  const password = h('input', { type: 'password', name: 'password', autocomplete: 'new-password', minlength: '12', maxlength: '200' });
  const { group: sites, chosen } = sitesChoice(ctx, FORM, (slug) => picked?.slug === slug || ctx.sites.length === 1);
  const form = h(
    'form',
    { class: 'desk-form', id: FORM, novalidate: true, 'aria-labelledby': `${FORM}-heading` },
    h('h3', { id: `${FORM}-heading` }, t.newHeading),
    field(`${FORM}-email`, t.email, email),
    field(`${FORM}-name`, t.name, name, t.nameHint),
    field(`${FORM}-role`, t.role, role, t.roleHint),
    sites,
    field(`${FORM}-password`, t.password, password, t.passwordHint),
    h('p', { class: 'desk-form-error', role: 'alert' }),
    h('button', { type: 'submit', class: 'desk-button desk-button-primary' }, t.add),
  );
  const showSites = () => {
    sites.hidden = role.value === 'admin';
  };
  role.addEventListener('change', showSites);

  form.addEventListener('submit', (event) => {
    event.preventDefault();
    clearErrors(form);
    const account = {
      email: email.value.trim(),
      name: name.value.trim() || undefined,
      role: role.value,
      sites: role.value === 'admin' ? undefined : chosen(),
      // Spaces may belong to a passphrase: sent as typed.
      password: password.value || undefined,
    };
    submitting(form, () => ctx.api.createModerator(account)).then(
      (answer) => {
        form.reset();
        showSites();
        created(answer.moderator, answer.password);
      },
      (error: unknown) => {
        const shown = localised(ctx, error);
        showFieldErrors(
          form,
          (error as { status?: number }).status === 409 ? { status: 409, message: '', fields: { email: t.emailTaken } } : shown,
          ctx.t.failed,
        );
        focusFirstInvalid(form);
      },
    );
  });
  return form;
}
