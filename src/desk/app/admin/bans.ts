import type { DeskContext, View } from '../context.js';
import type { Ban } from '../types.js';
import { clearErrors, field, h, showFieldErrors } from '../ui.js';
import { focusFirstInvalid, localised, notifyFailure, options, submitting } from './admin-forms.js';
import { adminSection, loadInto, sitesInScope, timeFormatter } from './admin-screen.js';
import { adminTable, focusAfter } from './admin-table.js';
import { twoStepButton } from './two-step-button.js';

const FORM = 'desk-new-ban';

/** Bans on the sites in the header's scope, active ones first; banning an author and lifting a ban. */
export function bansView(ctx: DeskContext): View {
  const t = ctx.t.admin.bans;
  const root = adminSection('bans', ctx.t.bansTab);
  const scope = sitesInScope(ctx);
  if (scope.length === 0) {
    root.append(h('p', { class: 'desk-empty' }, ctx.t.admin.noSites));
    return { root };
  }
  const when = timeFormatter(ctx);
  const list = adminTable(t.caption, [t.site, t.kind, t.value, t.state, t.expires, t.note, t.created, t.actions], { class: 'desk-bans' }, t.empty);

  const addRow = (ban: Ban, where: 'start' | 'end') => {
    const row = list.add(
      ban.id,
      [
        ctx.siteById(ban.siteId)?.slug ?? String(ban.siteId),
        t.kinds[ban.kind] ?? ban.kind,
        ban.value,
        h('span', { class: 'desk-ban-state' }, ban.active ? t.active : t.expired),
        ban.expiresAt ? when(ban.expiresAt) : t.never,
        ban.note ?? '',
        when(ban.createdAt),
        twoStepButton(t.lift, t.confirmLift, () => lift(ban, row), { 'aria-label': t.liftLabel(ban.value) }),
      ],
      where,
    );
    row.dataset.active = String(ban.active);
  };
  const lift = async (ban: Ban, row: HTMLTableRowElement) => {
    try {
      await ctx.api.liftBan(ban.id);
    } catch (error) {
      return notifyFailure(ctx, error);
    }
    focusAfter(row, root);
    row.remove();
    list.sync();
    ctx.notify(t.lifted(ban.value));
  };

  const listArea = h('div', {});
  loadInto(ctx, listArea, async () => {
    for (const ban of await ctx.api.bans(ctx.site()?.slug)) addRow(ban, 'end');
    return [list.root];
  });
  const form = newBanForm(ctx, (ban) => {
    if (list.body.querySelector(`tr[data-id="${ban.id}"]`)) return ctx.notify(t.covered(ban.value));
    addRow(ban, 'start');
    ctx.notify(t.added(ban.value));
  });
  root.append(form, listArea);
  return { root };
}

function newBanForm(ctx: DeskContext, banned: (ban: Ban) => void): HTMLFormElement {
  const t = ctx.t.admin.bans;
  const scope = sitesInScope(ctx);
  const site = h('select', { name: 'site' }, ...options(scope.map((s) => [s.slug, s.name === s.slug ? s.slug : `${s.name} (${s.slug})`])));
  const kind = h('select', { name: 'kind' }, ...options(Object.entries(t.kinds)));
  const value = h('input', { type: 'text', name: 'value', autocomplete: 'off', autocapitalize: 'off', spellcheck: 'false', required: true, maxlength: '200' });
  const expires = h('input', { type: 'datetime-local', name: 'expiresAt' });
  const note = h('input', { type: 'text', name: 'note', autocomplete: 'off', maxlength: '1000' });
  const form = h(
    'form',
    { class: 'desk-form', id: FORM, novalidate: true, 'aria-labelledby': `${FORM}-heading` },
    h('h3', { id: `${FORM}-heading` }, t.newHeading),
    field(`${FORM}-site`, t.site, site),
    field(`${FORM}-kind`, t.kind, kind),
    field(`${FORM}-value`, t.valueLabel, value, t.valueHint),
    field(`${FORM}-expires`, t.expires, expires, t.expiresHint),
    field(`${FORM}-note`, t.note, note, t.noteHint),
    h('p', { class: 'desk-form-error', role: 'alert' }),
    h('button', { type: 'submit', class: 'desk-button desk-button-primary' }, t.add),
  );

  form.addEventListener('submit', (event) => {
    event.preventDefault();
    clearErrors(form);
    // datetime-local is the moderator's own clock; the server wants an instant.
    const expiresAt = expires.value ? new Date(expires.value) : null;
    if (expiresAt && !(expiresAt.getTime() > Date.now())) {
      showFieldErrors(form, { status: 400, message: '', fields: { expiresAt: t.expiresPast } }, ctx.t.failed);
      return focusFirstInvalid(form);
    }
    const request = {
      site: site.value,
      kind: kind.value,
      value: value.value.trim(),
      expiresAt: expiresAt?.toISOString(),
      note: note.value.trim() || undefined,
    };
    submitting(form, () => ctx.api.ban(request)).then(
      (ban) => {
        // Site and kind stay: the next ban is often the same kind on the same site.
        value.value = expires.value = note.value = '';
        value.focus();
        banned(ban);
      },
      (error: unknown) => {
        showFieldErrors(form, localised(ctx, error), ctx.t.failed);
        focusFirstInvalid(form);
      },
    );
  });
  return form;
}
