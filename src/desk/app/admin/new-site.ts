import type { DeskContext } from '../context.js';
import type { ModeratedSite } from '../types.js';
import { clearErrors, field, h, showFieldErrors } from '../ui.js';
import { focusFirstInvalid, lines, localised, submitting } from './admin-forms.js';

const FORM = 'desk-new-site';

/**
 * Adding a site (admins), as the command line's site:create does: its slug (the embed code's
 * data-site, fixed from now on), a name for the desk, and the origins its pages are served from.
 * Settings start at their defaults and are changed in the site's own form.
 */
export function newSiteForm(ctx: DeskContext, created: (site: ModeratedSite) => void): HTMLFormElement {
  const t = ctx.t.admin.sites;
  const slug = h('input', { type: 'text', name: 'slug', autocomplete: 'off', spellcheck: 'false', autocapitalize: 'off', required: true, maxlength: '64' });
  const name = h('input', { type: 'text', name: 'name', autocomplete: 'off', maxlength: '100' });
  const origins = h('textarea', {
    name: 'origins',
    rows: '3',
    spellcheck: 'false',
    autocapitalize: 'off',
    required: true,
    placeholder: 'https://news.example.com',
  });
  const form = h(
    'form',
    { class: 'desk-form', id: FORM, novalidate: true, 'aria-labelledby': `${FORM}-heading` },
    h('h3', { id: `${FORM}-heading` }, t.newHeading),
    field(`${FORM}-slug`, t.slug, slug, t.slugHint),
    field(`${FORM}-name`, t.name, name, t.newNameHint),
    field(`${FORM}-origins`, t.origins, origins, t.originsHint),
    h('p', { class: 'desk-form-error', role: 'alert' }),
    h('button', { type: 'submit', class: 'desk-button desk-button-primary' }, t.add),
  );

  form.addEventListener('submit', (event) => {
    event.preventDefault();
    clearErrors(form);
    const site = { slug: slug.value.trim(), name: name.value.trim() || undefined, origins: lines(origins.value) };
    submitting(form, () => ctx.api.createSite(site)).then(
      (answer) => {
        form.reset();
        created(answer);
      },
      (error: unknown) => {
        const taken = (error as { status?: number }).status === 409;
        showFieldErrors(form, taken ? { status: 409, message: '', fields: { slug: t.slugTaken } } : localised(ctx, error), ctx.t.failed);
        focusFirstInvalid(form);
      },
    );
  });
  return form;
}
