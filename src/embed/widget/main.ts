/**
 * Kolom's embed: `<div id="kolom-thread"></div>` and
 * `<script src="https://COMMENTS-HOST/embed.js" data-site="SLUG" async></script>` give a page its
 * live comment section. Options are the script's data attributes: data-url, data-title, data-lang,
 * data-sort (oldest|newest|top: the first order; a reader's own choice then wins), data-target (another
 * element id), and data-sso (the site's sign-in token for its reader; see sign-in.ts for signing in later).
 */
import { KolomApi } from './api.js';
import { catalogueFor } from './i18n/index.js';
import { takeReaderToken } from './reader-link.js';
import { sortChoice } from './storage.js';
import { WIDGET_CSS } from './styles.js';
import { followPageTheme } from './theme.js';
import { ThreadView } from './thread-view.js';
import type { WidgetOptions } from './types.js';

performance.mark('kolom:start');

function scriptElement(): HTMLScriptElement | null {
  const current = document.currentScript;
  if (current instanceof HTMLScriptElement) return current;
  // Loaded by the small /embed.js loader: it passes its own attributes on.
  return document.querySelector<HTMLScriptElement>('script[data-kolom-bundle]');
}

/** The article's address: the canonical link when the page has one, else where it is, without a fragment. */
function articleUrl(script: HTMLScriptElement): string {
  const given = script.dataset.url;
  if (given) return new URL(given, location.href).href;
  const canonical = document.querySelector<HTMLLinkElement>('link[rel="canonical"]');
  const url = new URL(canonical?.href || location.href);
  url.hash = '';
  return url.href;
}

function articleTitle(script: HTMLScriptElement): string | null {
  const og = document.querySelector<HTMLMetaElement>('meta[property="og:title"]')?.content;
  return (script.dataset.title || og || document.title || '').trim().slice(0, 500) || null;
}

async function mount(): Promise<void> {
  const script = scriptElement();
  if (!script) return;
  const target = document.getElementById(script.dataset.target || 'kolom-thread');
  const site = script.dataset.site;
  if (!target || !site) {
    console.warn('Kolom: the page needs <div id="kolom-thread"></div> and data-site="…" on the script tag.');
    return;
  }
  // Before anything else reads the address: the token leaves it at once.
  const confirmed = takeReaderToken(site);
  const options: WidgetOptions = {
    host: new URL(script.src).origin,
    site,
    url: articleUrl(script),
    title: articleTitle(script),
    lang: script.dataset.lang || document.documentElement.lang || null,
    sort: sortChoice.get() ?? (script.dataset.sort === 'newest' || script.dataset.sort === 'top' ? script.dataset.sort : 'oldest'),
    signIn: script.dataset.sso || null,
  };
  const api = new KolomApi(options);
  // The thread is on its way while the section is built.
  const firstPage = api.thread();
  firstPage.catch(() => undefined);
  const { lang, t } = catalogueFor(options.lang);
  // The server-rendered thread (GET /embed/thread), there for readers without JavaScript, gives way to the live one.
  target.querySelector(':scope>.kolom-static')?.remove();
  const shadow = target.shadowRoot ?? target.attachShadow({ mode: 'open' });
  const style = document.createElement('style');
  style.textContent = WIDGET_CSS;
  const view = new ThreadView(api, options, t, lang);
  shadow.replaceChildren(style, view.root);
  followPageTheme(target, view.root);
  if (!(await view.load(firstPage))) return;
  if (confirmed) view.notice(t.addressConfirmed);
  performance.measure('kolom:first-render', 'kolom:start');
  target.dispatchEvent(new CustomEvent('kolom:rendered', { bubbles: true }));
  view.goLive();
}

void mount();
