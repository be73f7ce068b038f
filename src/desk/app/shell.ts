import { isApiError } from '../../browser/request.js';
import { heldMailView } from './account-mail.js';
import { passwordView } from './account-password.js';
import { auditView } from './admin/audit.js';
import { bansView } from './admin/bans.js';
import { moderatorsView } from './admin/moderators.js';
import { sitesView } from './admin/sites.js';
import { DeskApi } from './api.js';
import { articleListView, articleView } from './article-view.js';
import type { DeskContext, View } from './context.js';
import { type Language, LANGUAGES } from './i18n/index.js';
import { DeskLive } from './live.js';
import { queueView } from './queue-view.js';
import { saveLanguage, savedSite, saveSite } from './session.js';
import type { ModeratedSite, Queue, QueueCounts, SignedIn } from './types.js';
import { button, h } from './ui.js';

const QUEUE_TABS: Queue[] = ['pending', 'flagged', 'spam', 'trash'];
/** How long Undo stays on offer after an action. */
const UNDO_MS = 8_000;
const NOTICE_MS = 5_000;

interface Route {
  name: 'queue' | 'article' | 'articles' | 'admin' | 'account';
  /** The queue, the article id, the admin screen, or the account screen. */
  part: string;
  params: URLSearchParams;
}

export function parseRoute(hash: string): Route {
  const [path, search = ''] = hash.replace(/^#\/?/, '').split('?');
  const [name, part = ''] = path.split('/');
  const params = new URLSearchParams(search);
  if (name === 'articles') return { name: part ? 'article' : 'articles', part, params };
  if (name === 'admin' && part) return { name: 'admin', part, params };
  if (name === 'account' && (part === 'password' || part === 'mail')) return { name: 'account', part, params };
  return { name: 'queue', part: (QUEUE_TABS as string[]).includes(part) ? part : 'pending', params };
}

/**
 * The signed-in desk: header (site picker, language, who, sign out), the queue tabs with live
 * counts, the administration tabs, and the screen the address names. Views come and go with the
 * address (`#/queue/spam`, `#/articles/12`, `#/admin/bans`); the live connection stays.
 */
export class DeskShell {
  private readonly ctx: DeskContext;
  private readonly live: DeskLive;
  private readonly main = h('main', { id: 'desk-main', class: 'desk-main', tabindex: '-1' });
  private readonly status = h('div', { class: 'desk-status', role: 'status', 'aria-live': 'polite' });
  private readonly connection = h('span', { class: 'desk-connection', 'data-online': 'false' });
  private readonly countElements = new Map<Queue, HTMLElement>();
  private readonly tabs: HTMLAnchorElement[] = [];
  private view: View | null = null;
  private selectedSite: ModeratedSite | null = null;
  private undo: (() => Promise<void>) | null = null;
  private toastTimer: ReturnType<typeof setTimeout> | undefined;
  private countsTimer: ReturnType<typeof setTimeout> | undefined;
  private ended = false;

  constructor(
    private readonly root: HTMLElement,
    private readonly session: SignedIn,
    language: Language,
    sites: ModeratedSite[],
    api: DeskApi,
    private readonly onSignedOut: (message?: string) => void,
  ) {
    const { t, lang } = language;
    const savedSlug = savedSite();
    this.selectedSite = sites.length === 1 ? sites[0] : (sites.find((s) => s.slug === savedSlug) ?? null);
    this.ctx = {
      api,
      t,
      lang,
      me: session.moderator,
      sites,
      site: () => this.selectedSite,
      siteById: (id) => sites.find((s) => s.id === id),
      notify: (message, options) => this.notify(message, options),
      errorMessage: (error) => {
        if (!isApiError(error) || error.status === 0 || !error.message) return t.failed;
        // The server speaks English; the catalogues translate the messages they know.
        return t.serverMessages[error.message] ?? t.admin.serverMessages[error.message] ?? error.message;
      },
      go: (route) => {
        if (location.hash === route) this.route();
        else location.hash = route;
      },
      listen: (listener) => this.live.listen(listener),
    };
    this.live = new DeskLive(
      session.token,
      (online) => {
        this.connection.dataset.online = String(online);
        this.connection.textContent = online ? t.live : t.offline;
        if (online) this.refreshCounts();
      },
      () => this.sessionEnded(),
    );
    this.live.listen({
      added: (event) => this.countsArrived(event.item.site.id, event.counts),
      updated: (event) => this.countsArrived(event.siteId, event.counts),
    });
  }

  start(): void {
    const { t } = this.ctx;
    this.root.replaceChildren(h('a', { class: 'desk-skip', href: '#desk-main' }, t.skipToContent), this.header(), this.nav(), this.main, this.status);
    // The skip link moves focus without changing the route.
    this.root.querySelector('.desk-skip')!.addEventListener('click', (event) => {
      event.preventDefault();
      this.main.focus();
    });
    window.addEventListener('hashchange', this.onHashChange);
    document.addEventListener('keydown', this.onKeydown);
    this.route();
    this.refreshCounts();
  }

  private readonly onHashChange = () => this.route();

  private readonly onKeydown = (event: KeyboardEvent) => {
    if (event.defaultPrevented || event.ctrlKey || event.metaKey || event.altKey) return;
    const target = event.target as HTMLElement;
    if (target.closest('input, textarea, select, [contenteditable]')) return;
    if (event.key === 'z' && this.undo) {
      event.preventDefault();
      void this.runUndo();
      return;
    }
    if (this.view?.keydown?.(event)) event.preventDefault();
  };

  private header(): HTMLElement {
    const { t, sites, me } = this.ctx;
    const languages = h('select', { id: 'desk-lang', 'aria-label': t.language });
    for (const [code, name] of LANGUAGES) languages.append(h('option', { value: code, selected: code === this.ctx.lang }, name));
    languages.addEventListener('change', () => this.onLanguage(languages.value));
    let picker: HTMLElement | null = null;
    if (sites.length > 1) {
      const select = h('select', { id: 'desk-site' }, h('option', { value: '' }, t.allSites));
      for (const site of sites) select.append(h('option', { value: site.slug, selected: site === this.selectedSite }, site.name || site.slug));
      select.addEventListener('change', () => {
        this.selectedSite = sites.find((s) => s.slug === select.value) ?? null;
        saveSite(select.value);
        this.refreshCounts();
        this.route();
      });
      picker = h('span', {}, h('label', { for: 'desk-site', class: 'desk-visually-hidden' }, t.site), select);
    }
    const signOut = button(t.signOut, () => void this.signOut(), { class: 'desk-button desk-sign-out' });
    const changePassword = h('a', { class: 'desk-link desk-change-password', href: '#/account/password' }, t.changePassword);
    const mailSettings = h('a', { class: 'desk-link desk-mail-settings', href: '#/account/mail' }, t.mailSettings);
    return h(
      'header',
      { class: 'desk-header' },
      h('h1', {}, t.title),
      this.connection,
      picker,
      languages,
      h('span', { class: 'desk-who', title: me.email }, t.signedInAs(me.name)),
      changePassword,
      mailSettings,
      signOut,
    );
  }

  private nav(): HTMLElement {
    const { t, me } = this.ctx;
    const tab = (href: string, label: string, attributes: Record<string, string> = {}, count?: HTMLElement) => {
      const link = h('a', { class: 'desk-tab', href, ...attributes }, label, count ?? null);
      this.tabs.push(link);
      return link;
    };
    const queues = QUEUE_TABS.map((queue) => {
      const count = h('span', { class: 'desk-count', 'data-zero': true }, '0');
      this.countElements.set(queue, count);
      return tab(`#/queue/${queue}`, t.queues[queue], { 'data-queue': queue }, count);
    });
    const admin = [
      tab('#/articles', t.articles, { 'data-view': 'articles' }),
      ...(me.role === 'admin'
        ? [tab('#/admin/sites', t.sitesTab, { 'data-view': 'sites' }), tab('#/admin/moderators', t.moderatorsTab, { 'data-view': 'moderators' })]
        : []),
      tab('#/admin/bans', t.bansTab, { 'data-view': 'bans' }),
      tab('#/admin/audit', t.auditTab, { 'data-view': 'audit' }),
    ];
    return h(
      'nav',
      { class: 'desk-nav', 'aria-label': t.queuesLabel },
      ...queues,
      h('span', { class: 'desk-nav-admin', role: 'group', 'aria-label': t.adminLabel }, ...admin),
    );
  }

  private route(): void {
    const route = parseRoute(location.hash);
    this.view?.close?.();
    const ctx = this.ctx;
    let view: View;
    switch (route.name) {
      case 'article':
        view = articleView(ctx, Number(route.part));
        break;
      case 'articles':
        view = articleListView(ctx, route.params);
        break;
      case 'admin':
        view = this.adminView(route.part);
        break;
      case 'account':
        view = route.part === 'mail' ? heldMailView(ctx) : passwordView(ctx);
        break;
      case 'queue':
        view = queueView(ctx, route.part as Queue, route.params);
    }
    this.view = view;
    this.main.replaceChildren(view.root);
    const here =
      route.name === 'queue' ? `#/queue/${route.part}` : route.name === 'admin' || route.name === 'account' ? `#/${route.name}/${route.part}` : '#/articles';
    for (const link of this.tabs) {
      if (link.getAttribute('href') === here) link.setAttribute('aria-current', 'page');
      else link.removeAttribute('aria-current');
    }
  }

  private adminView(screen: string): View {
    const admin = this.ctx.me.role === 'admin';
    if (screen === 'sites' && admin) return sitesView(this.ctx);
    if (screen === 'moderators' && admin) return moderatorsView(this.ctx);
    if (screen === 'bans') return bansView(this.ctx);
    if (screen === 'audit') return auditView(this.ctx);
    return { root: h('p', { class: 'desk-empty' }, this.ctx.t.notFound) };
  }

  /** Counts for the picked site or for all of them; all-sites totals are read afresh (debounced). */
  private refreshCounts(): void {
    clearTimeout(this.countsTimer);
    this.countsTimer = setTimeout(() => {
      this.ctx.api.counts(this.selectedSite?.slug).then(
        (counts) => this.showCounts(counts),
        () => undefined,
      );
    }, 150);
  }

  private countsArrived(siteId: number, counts: QueueCounts): void {
    if (this.selectedSite?.id === siteId) this.showCounts(counts);
    else if (!this.selectedSite) this.refreshCounts();
  }

  private showCounts(counts: QueueCounts): void {
    for (const [queue, element] of this.countElements) {
      const count = counts[queue] ?? 0;
      element.textContent = count > 999 ? '999+' : String(count);
      if (count === 0) element.dataset.zero = '';
      else delete element.dataset.zero;
      element.parentElement?.setAttribute('aria-label', `${this.ctx.t.queues[queue]}: ${count}`);
    }
    document.title = counts.pending > 0 ? `(${counts.pending}) ${this.ctx.t.title}` : this.ctx.t.title;
  }

  private notify(message: string, options: { undo?: () => Promise<void>; error?: boolean } = {}): void {
    clearTimeout(this.toastTimer);
    this.undo = options.undo ?? null;
    const toast = h('div', { class: 'desk-toast', 'data-error': options.error }, h('span', { class: 'desk-toast-text' }, message));
    if (options.undo) toast.append(button(this.ctx.t.undo, () => void this.runUndo(), { class: 'desk-link desk-undo', 'aria-keyshortcuts': 'z' }));
    toast.append(button(this.ctx.t.dismiss, () => this.clearToast(), { class: 'desk-link desk-dismiss' }));
    this.status.replaceChildren(toast);
    this.toastTimer = setTimeout(() => this.clearToast(), options.undo ? UNDO_MS : NOTICE_MS);
  }

  private clearToast(): void {
    clearTimeout(this.toastTimer);
    this.undo = null;
    this.status.replaceChildren();
  }

  private async runUndo(): Promise<void> {
    const undo = this.undo;
    if (!undo) return;
    this.clearToast();
    try {
      await undo();
      this.notify(this.ctx.t.undone);
    } catch (error) {
      this.notify(this.ctx.errorMessage(error), { error: true });
    }
  }

  private onLanguage(lang: string): void {
    saveLanguage(lang);
    location.reload();
  }

  private async signOut(): Promise<void> {
    try {
      await this.ctx.api.signOut();
    } catch {
      // Signed out already, or offline: the token is forgotten here either way.
    }
    this.close();
    this.onSignedOut();
  }

  private sessionEnded(): void {
    if (this.ended) return;
    this.close();
    this.onSignedOut(this.ctx.t.sessionEnded);
  }

  close(): void {
    this.ended = true;
    this.view?.close?.();
    this.live.close();
    clearTimeout(this.toastTimer);
    clearTimeout(this.countsTimer);
    window.removeEventListener('hashchange', this.onHashChange);
    document.removeEventListener('keydown', this.onKeydown);
  }
}
