import type { DeskContext, View } from '../context.js';
import type { ModeratedSite, PremoderationMode, ReactionSymbol, SiteSettings } from '../types.js';
import { clearErrors, field, h, showFieldErrors } from '../ui.js';
import { focusFirstInvalid, lines, localised, options, submitting } from './admin-forms.js';
import { adminSection, adminsOnly, sitesInScope } from './admin-screen.js';
import { newSiteForm } from './new-site.js';
import { signInPanel } from './site-sign-in.js';

/** A number setting; `fractions`: minutes that may be part of one (the server takes two decimals). */
type Control =
  | { kind: 'number'; min: number; max: number; fractions?: true }
  | { kind: 'mode' }
  | { kind: 'symbol' }
  | { kind: 'words' }
  | { kind: 'text' }
  | { kind: 'switch' }
  | { kind: 'url' };
type SettingControl = HTMLInputElement | HTMLSelectElement | HTMLTextAreaElement;

/**
 * Every setting, in the order the form shows them: what decides where a comment goes first, then
 * the spam timings, then the threads. The ranges are SiteSettingsDto's; the server checks them again.
 */
const SETTINGS: { [K in keyof SiteSettings]: Control } = {
  premoderation: { kind: 'mode' },
  maxLinks: { kind: 'number', min: 0, max: 50 },
  moderationWords: { kind: 'words' },
  blockedWords: { kind: 'words' },
  flagThreshold: { kind: 'number', min: 0, max: 100 },
  minSubmitSeconds: { kind: 'number', min: 0, max: 600 },
  floodSeconds: { kind: 'number', min: 0, max: 3600 },
  maxDepth: { kind: 'number', min: 1, max: 10 },
  closeAfterDays: { kind: 'number', min: 0, max: 3650 },
  articleParameters: { kind: 'words' },
  newArticlesPerHour: { kind: 'number', min: 0, max: 100000 },
  editWindowMinutes: { kind: 'number', min: 0, max: 10080 },
  replyMailMinutes: { kind: 'number', min: 0, max: 1440, fractions: true },
  signInRequired: { kind: 'switch' },
  signInUrl: { kind: 'url' },
  reactionSymbol: { kind: 'symbol' },
  purgeSpamTrashDays: { kind: 'number', min: 0, max: 3650 },
  keepAddressesDays: { kind: 'number', min: 0, max: 3650 },
  locale: { kind: 'text' },
};
const KEYS = Object.keys(SETTINGS) as Array<keyof SiteSettings>;
const MODES = Object.keys({ off: 0, links: 0, 'first-time': 0, all: 0 } satisfies Record<PremoderationMode, 0>);
const SYMBOLS = Object.keys({ heart: 0, thumb: 0 } satisfies Record<ReactionSymbol, 0>) as ReactionSymbol[];

/**
 * Sites (admins): one form per site in the header's scope (its name, origins and settings; saving
 * sends only what changed), and a form to add one.
 */
export function sitesView(ctx: DeskContext): View {
  const root = adminSection('sites', ctx.t.sitesTab);
  if (adminsOnly(ctx, root)) return { root };
  const sites = sitesInScope(ctx);
  const empty = h('p', { class: 'desk-empty' }, ctx.t.admin.noSites);
  if (sites.length === 0) root.append(empty);
  for (const site of sites) root.append(settingsForm(ctx, site), signInPanel(ctx, site));
  const adding = newSiteForm(ctx, (site) => {
    // The desk's own list too, so other screens offer it (the header's picker follows on the next load).
    ctx.sites.push(site);
    empty.remove();
    const form = settingsForm(ctx, site);
    adding.before(form, signInPanel(ctx, site));
    ctx.notify(ctx.t.admin.sites.added(site.slug));
  });
  root.append(adding);
  return { root };
}

function settingsForm(ctx: DeskContext, site: ModeratedSite): HTMLFormElement {
  const t = ctx.t.admin;
  const id = (key: string) => `site-${site.slug}-${key}`;
  const form = h(
    'form',
    { class: 'desk-form desk-site-settings', 'data-site': site.slug, novalidate: true, 'aria-labelledby': id('heading') },
    h('h3', { id: id('heading') }, site.name),
  );
  const heading = form.querySelector('h3')!;
  const name = h('input', { type: 'text', name: 'name', autocomplete: 'off', required: true, maxlength: '100' });
  const origins = h('textarea', { name: 'origins', rows: '3', spellcheck: 'false', autocapitalize: 'off', required: true });
  form.append(field(id('name'), t.sites.name, name, t.sites.siteNameHint), field(id('origins'), t.sites.origins, origins, t.sites.originsHint));
  const controls = new Map<keyof SiteSettings, SettingControl>();
  for (const key of KEYS) {
    const control = controlFor(ctx, SETTINGS[key]);
    control.name = key;
    controls.set(key, control);
    form.append(field(id(key), t.settings[key].label, control, t.settings[key].hint));
  }
  const save = h('button', { type: 'submit', class: 'desk-button desk-button-primary' }, t.sites.save);
  form.append(h('p', { class: 'desk-form-error', role: 'alert' }), save);

  // Removing an origin stops its pages taking comments at once: the first save asks, the second saves.
  let confirmedRemoval: string | null = null;
  const disarm = () => {
    confirmedRemoval = null;
    save.textContent = t.sites.save;
    save.removeAttribute('data-confirm');
  };
  origins.addEventListener('input', disarm);

  const describe = (current: ModeratedSite) => {
    heading.textContent = current.name;
    name.value = current.name;
    origins.value = current.origins.join('\n');
  };
  describe(site);

  const fill = (settings: SiteSettings) => {
    for (const [key, control] of controls) {
      const value = settings[key];
      control.value = Array.isArray(value) ? value.join('\n') : String(value);
    }
  };
  fill(site.settings);

  // The server names a nested field `settings.maxDepth`, and says its range in its own words.
  const rename = (name: string, message: string): [string, string] => {
    const key = name.replace(/^settings\./, '') as keyof SiteSettings;
    const spec = SETTINGS[key];
    return [key, spec?.kind === 'number' ? numberMessage(ctx, spec) : message];
  };

  form.addEventListener('submit', (event) => {
    event.preventDefault();
    clearErrors(form);
    const changes: Partial<Record<keyof SiteSettings, unknown>> = {};
    const missing: Record<string, string> = {};
    for (const [key, control] of controls) {
      const spec = SETTINGS[key];
      const value = read(spec, control);
      // An empty number would travel as null, which the server would store as the setting.
      if (value === null && spec.kind === 'number') missing[key] = numberMessage(ctx, spec);
      else if (JSON.stringify(value) !== JSON.stringify(site.settings[key])) changes[key] = value;
    }
    if (Object.keys(missing).length > 0) return refused({ status: 400, message: '', fields: missing });
    const change: { name?: string; origins?: string[]; settings?: typeof changes } = {};
    if (name.value.trim() !== site.name) change.name = name.value.trim();
    const newOrigins = lines(origins.value);
    if (newOrigins.join('\n') !== site.origins.join('\n')) change.origins = newOrigins;
    if (Object.keys(changes).length > 0) change.settings = changes;
    if (Object.keys(change).length === 0) return ctx.notify(t.sites.unchanged);
    const removed = change.origins ? site.origins.filter((origin) => !newOrigins.includes(origin)).join(', ') : '';
    if (removed !== '' && confirmedRemoval !== removed) {
      confirmedRemoval = removed;
      save.textContent = t.sites.confirmOrigins(removed);
      save.setAttribute('data-confirm', '');
      return;
    }
    submitting(form, () => ctx.api.changeSite(site.slug, change)).then(
      (updated) => {
        disarm();
        // The desk's own copy too: the article view shows the site's pre-moderation, the header its name.
        Object.assign(site, { name: updated.name, origins: updated.origins, settings: updated.settings });
        describe(updated);
        fill(updated.settings);
        ctx.notify(t.sites.saved(updated.name));
      },
      (error: unknown) => {
        disarm();
        refused(localised(ctx, error, rename));
      },
    );
  });

  function refused(error: unknown): void {
    showFieldErrors(form, error, ctx.t.failed);
    focusFirstInvalid(form);
  }
  return form;
}

function controlFor(ctx: DeskContext, spec: Control): SettingControl {
  switch (spec.kind) {
    case 'number':
      return h('input', {
        type: 'number',
        min: String(spec.min),
        max: String(spec.max),
        step: spec.fractions ? 'any' : '1',
        inputmode: spec.fractions ? 'decimal' : 'numeric',
        required: true,
      });
    case 'mode':
      return h('select', {}, ...options(MODES.map((mode) => [mode, ctx.t.premoderationModes[mode] ?? mode])));
    case 'symbol':
      return h('select', {}, ...options(SYMBOLS.map((symbol) => [symbol, ctx.t.admin.reactionSymbols[symbol]])));
    case 'words':
      return h('textarea', { rows: '4', spellcheck: 'false', autocapitalize: 'off' });
    case 'text':
      return h('input', { type: 'text', autocomplete: 'off', spellcheck: 'false', autocapitalize: 'off', maxlength: '35' });
    case 'switch':
      return h(
        'select',
        {},
        ...options([
          ['false', ctx.t.admin.sites.no],
          ['true', ctx.t.admin.sites.yes],
        ]),
      );
    case 'url':
      return h('input', { type: 'url', autocomplete: 'off', spellcheck: 'false', autocapitalize: 'off', maxlength: '500' });
  }
}

function numberMessage(ctx: DeskContext, spec: Extract<Control, { kind: 'number' }>): string {
  const t = ctx.t.admin.sites;
  return spec.fractions ? t.number(spec.min, spec.max) : t.wholeNumber(spec.min, spec.max);
}

/** A control's value as the setting holds it; null for a number left empty. */
function read(spec: Control, control: SettingControl): unknown {
  const raw = control.value.trim();
  switch (spec.kind) {
    case 'number':
      return raw === '' || !Number.isFinite(Number(raw)) ? null : Number(raw);
    case 'words':
      // As the server keeps them: one per line, trimmed, blank lines and repeats dropped.
      return [
        ...new Set(
          raw
            .split('\n')
            .map((word) => word.trim())
            .filter((word) => word !== ''),
        ),
      ];
    case 'switch':
      return raw === 'true';
    case 'mode':
    case 'symbol':
    case 'text':
    case 'url':
      return raw;
  }
}
