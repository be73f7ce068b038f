import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Site } from '../../src/sites/site.entity.js';
import type { ModeratorRole } from '../../src/moderation/accounts/moderator.entity.js';
import type { CommentAction } from '../../src/moderation/queue/dto/moderation-action.dto.js';
import type { ArticlesPage, ArticleThreadPage } from '../../src/moderation/articles/moderated-articles.service.js';
import type {
  ActionResult,
  CurrentSession,
  ModeratedArticle,
  ModeratedSite,
  PublicAuditEntry,
  PublicBan,
  PublicModerator,
  SignedIn,
} from '../../src/moderation/moderation-answers.js';
import type { CreatedModerator } from '../../src/moderation/accounts/moderators.service.js';
import type { SingleActionAnswer } from '../../src/moderation/queue/queue.controller.js';
import type { QueueCounts } from '../../src/moderation/queue/queue.js';
import type { QueuePage } from '../../src/moderation/queue/queue.service.js';
import { type Answer, expectStatus, httpTo, type HttpAnswer, type KolomHttp, type NoContent, type Query, withQuery } from './http.js';
import type { FormFields } from './reader.js';
import type { SignedInModerator, TestKolom } from './test-app.js';

const API = '/api/v1/moderation';

/** Whoever calls the moderation API: the headers carry a bearer token, or nothing at all. */
export interface Account {
  headers: Record<string, string>;
}

export interface AuditPage {
  entries: PublicAuditEntry[];
  nextCursor: string | null;
}

/** What a moderation action may carry besides itself (`ban` is true or a ban kind, with spam only). */
export interface ActionOptions {
  note?: string;
  ban?: boolean | string;
  banExpiresAt?: string;
}

/** What a moderator does through the moderation API; each answer as the server gave it. */
export interface Moderator {
  /** Any route under /api/v1/moderation, for tables of routes and requests no verb below would send. */
  request<T>(method: string, path: string, body?: unknown): Promise<HttpAnswer<T>>;
  queue(query?: Query): Promise<Answer<QueuePage>>;
  counts(query?: Query): Promise<Answer<QueueCounts>>;
  /** Approve, unapprove, spam, trash or restore one comment. */
  act(id: number | string, action: CommentAction, options?: ActionOptions): Promise<Answer<SingleActionAnswer>>;
  /** One action on many comments, in one transaction. */
  bulk(ids: number[], action: CommentAction, options?: ActionOptions): Promise<Answer<ActionResult>>;
  articles(query?: Query): Promise<Answer<ArticlesPage>>;
  article(id: number | string): Promise<Answer<ModeratedArticle>>;
  /** An article's thread as moderators read it, held comments in place. */
  articleComments(id: number | string, query?: Query): Promise<Answer<ArticleThreadPage>>;
  /** Opens or closes an article, or sets its own pre-moderation. */
  changeArticle(id: number | string, controls: FormFields): Promise<Answer<ModeratedArticle>>;
  /** Sets up the article at a URL before its first comment (POST /articles), whatever the server answers. */
  setUpArticle(request: FormFields): Promise<Answer<ModeratedArticle>>;
  /** The id of the article at this URL on this site, created now if nobody has commented on it yet. */
  articleAt(site: { slug: string }, url: string): Promise<number>;
  /** Closes an article to new comments; fails the test unless it is closed. */
  closeArticle(id: number): Promise<ModeratedArticle>;
  bans(query?: Query): Promise<Answer<PublicBan[]>>;
  ban(request: FormFields): Promise<Answer<PublicBan>>;
  liftBan(id: number | string): Promise<Answer<NoContent>>;
  sites(): Promise<Answer<ModeratedSite[]>>;
  /** Changes some of a site's settings (admins only). */
  changeSite(slug: string, settings: FormFields): Promise<Answer<ModeratedSite>>;
  /** Adds a site (admins only): slug, name, origins, settings. */
  addSite(request: FormFields): Promise<Answer<ModeratedSite>>;
  /** Renames a site, replaces its origins or changes settings, as PATCH /sites/:slug takes them (admins only). */
  changeSiteDetails(slug: string, change: FormFields): Promise<Answer<ModeratedSite>>;
  moderators(): Promise<Answer<PublicModerator[]>>;
  addModerator(request: FormFields): Promise<Answer<CreatedModerator>>;
  removeModerator(id: number | string): Promise<Answer<NoContent>>;
  /** Changes an account's role or sites (admins only). */
  changeModerator(id: number | string, change: FormFields): Promise<Answer<PublicModerator>>;
  audit(query?: Query): Promise<Answer<AuditPage>>;
  /** Who the token belongs to, and whether it must change its password first. */
  session(): Promise<Answer<CurrentSession>>;
  changePassword(currentPassword: string, newPassword: string): Promise<Answer<CurrentSession>>;
  logout(): Promise<Answer<NoContent>>;
}

/** The moderation API as `account` uses it (null: without a token); the account's own fields stay readable. */
export function moderatorOf<A extends Account>(api: KolomHttp, account: A): Moderator & A;
export function moderatorOf(api: KolomHttp, account: null): Moderator;
export function moderatorOf(api: KolomHttp, account: Account | null): Moderator {
  const call = <T>(method: string, path: string, body?: unknown) => api.request<T>(method, API + path, body, account?.headers ?? {});
  const moderator: Moderator = {
    request: call,
    queue: (query) => call('GET', withQuery('/queue', query)),
    counts: (query) => call('GET', withQuery('/counts', query)),
    act: (id, action, options = {}) => call('POST', `/comments/${id}/${action}`, options),
    bulk: (ids, action, options = {}) => call('POST', '/comments/bulk', { ids, action, ...options }),
    articles: (query) => call('GET', withQuery('/articles', query)),
    article: (id) => call('GET', `/articles/${id}`),
    articleComments: (id, query) => call('GET', withQuery(`/articles/${id}/comments`, query)),
    changeArticle: (id, controls) => call('PATCH', `/articles/${id}`, controls),
    setUpArticle: (request) => call('POST', '/articles', request),
    async articleAt(site, url) {
      const answer = await moderator.setUpArticle({ site: site.slug, url });
      expect([200, 201]).toContain(answer.status);
      return answer.body.id;
    },
    async closeArticle(id) {
      const closed = expectStatus(await moderator.changeArticle(id, { open: false }), 200).body;
      expect(closed.open).toBe(false);
      return closed;
    },
    bans: (query) => call('GET', withQuery('/bans', query)),
    ban: (request) => call('POST', '/bans', request),
    liftBan: (id) => call('DELETE', `/bans/${id}`),
    sites: () => call('GET', '/sites'),
    changeSite: (slug, settings) => call('PATCH', `/sites/${slug}`, { settings }),
    addSite: (request) => call('POST', '/sites', request),
    changeSiteDetails: (slug, change) => call('PATCH', `/sites/${slug}`, change),
    moderators: () => call('GET', '/moderators'),
    addModerator: (request) => call('POST', '/moderators', request),
    removeModerator: (id) => call('DELETE', `/moderators/${id}`),
    changeModerator: (id, change) => call('PATCH', `/moderators/${id}`, change),
    audit: (query) => call('GET', withQuery('/audit', query)),
    session: () => call('GET', '/session'),
    changePassword: (currentPassword, newPassword) => call('POST', '/session/password', { currentPassword, newPassword }),
    logout: () => call('POST', '/logout'),
  };
  return account ? { ...account, ...moderator } : moderator;
}

/** A new moderator account (or an admin, who sees every site), signed in, ready to work. */
export async function signInModerator(kolom: TestKolom, role: ModeratorRole, sites: Site[] = []): Promise<Moderator & SignedInModerator> {
  return moderatorOf(kolom, await kolom.signIn(role, sites));
}

/** Signs in with email and password, whatever the server answers. */
export function logIn(api: KolomHttp, credentials: FormFields): Promise<Answer<SignedIn>> {
  return api.request('POST', `${API}/login`, credentials);
}

/** An account that is only its token. */
export function bearer(token: string): Account {
  return { headers: { authorization: `Bearer ${token}` } };
}

/** The first admin's email and temporary password, as the server that created it wrote them in its data folder (never in its log). */
export function firstAdminFile(dataDir: string): { file: string; email: string; password: string } {
  const file = join(dataDir, 'first-admin-password.txt');
  const [, email, password] = /email: (\S+)\npassword: (\S+)\n/.exec(readFileSync(file, 'utf8')) ?? [];
  return { file, email, password };
}

/** The passwords first admins chose in this test file, by data folder: their files still hold the temporary ones. */
const chosenPasswords = new Map<string, string>();

/**
 * The first admin of the server whose data folder is `dataDir`, signed in and ready to work. Its
 * password from the file is temporary: the first call chooses the admin's own, as Kolom requires
 * before anything else, and later calls sign in with that one.
 */
export async function signInFirstAdmin(server: KolomHttp | string, dataDir: string): Promise<Moderator & SignedInModerator> {
  const api = typeof server === 'string' ? httpTo(server) : server;
  const { email, password: temporary } = firstAdminFile(dataDir);
  const chosen = chosenPasswords.get(dataDir);
  const signedIn = expectStatus(await logIn(api, { email, password: chosen ?? temporary }), 200).body;
  const account = {
    id: signedIn.moderator.id,
    email,
    password: chosen ?? temporary,
    token: signedIn.token,
    headers: { authorization: `Bearer ${signedIn.token}` },
  };
  if (!signedIn.mustChangePassword) return moderatorOf(api, account);
  const own = `the first admin's own password ${Date.now()}`;
  expectStatus(await moderatorOf(api, account).changePassword(account.password, own), 200);
  chosenPasswords.set(dataDir, own);
  return moderatorOf(api, { ...account, password: own });
}
