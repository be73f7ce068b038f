import { requestJson } from '../../browser/request.js';
import type { PublicComment } from '../../threads/thread-answers.js';
import type {
  ActionResult,
  ApiError,
  ArticleListPage,
  ArticleThreadPage,
  AuditEntry,
  Ban,
  CurrentSession,
  CommentAction,
  ModeratedArticle,
  HeldMailSettings,
  ModeratedSite,
  Moderator,
  QueueCounts,
  QueuePage,
  SignedIn,
} from './types.js';

const BASE = '/api/v1/moderation';

export type Query = Record<string, string | number | undefined | null>;

/**
 * The moderation API, on the desk's own origin, with the session's bearer token. A 401 on any
 * call means the session is over (signed out elsewhere, expired, account removed): the desk goes
 * back to the sign-in form.
 */
export class DeskApi {
  constructor(
    private readonly token: string,
    private readonly onSessionEnded: () => void,
  ) {}

  static async signIn(email: string, password: string): Promise<SignedIn> {
    return request<SignedIn>('POST', `${BASE}/login`, { email, password });
  }

  signOut(): Promise<void> {
    return this.call('POST', '/logout');
  }

  /** Sets the moderator's own password; the account's other sessions end, this one goes on. */
  changePassword(currentPassword: string, newPassword: string): Promise<CurrentSession> {
    return this.call('POST', '/session/password', { currentPassword, newPassword });
  }

  session(): Promise<CurrentSession> {
    return this.call('GET', '/session');
  }

  changeHeldMail(settings: HeldMailSettings): Promise<HeldMailSettings> {
    return this.call('PATCH', '/session/mail', settings);
  }

  sites(): Promise<ModeratedSite[]> {
    return this.call('GET', '/sites');
  }

  /** Changes a site's name, origins or settings: each part left out stays as it is. */
  changeSite(slug: string, change: { name?: string; origins?: string[]; settings?: Record<string, unknown> }): Promise<ModeratedSite> {
    return this.call('PATCH', `/sites/${encodeURIComponent(slug)}`, change);
  }

  createSite(site: { slug: string; name?: string; origins: string[] }): Promise<ModeratedSite> {
    return this.call('POST', '/sites', site);
  }

  /** A new HMAC secret for the site's reader sign-in, in this answer only. */
  newSignInSecret(slug: string): Promise<ModeratedSite & { secret: string }> {
    return this.call('POST', `/sites/${encodeURIComponent(slug)}/sign-in/secret`, {});
  }

  setSignInKey(slug: string, publicKey: string): Promise<ModeratedSite> {
    return this.call('PUT', `/sites/${encodeURIComponent(slug)}/sign-in/public-key`, { publicKey });
  }

  turnSignInOff(slug: string): Promise<ModeratedSite> {
    return this.call('DELETE', `/sites/${encodeURIComponent(slug)}/sign-in`);
  }

  counts(site?: string): Promise<QueueCounts> {
    return this.call('GET', `/counts${query({ site })}`);
  }

  queue(filter: Query): Promise<QueuePage> {
    return this.call('GET', `/queue${query(filter)}`);
  }

  /** The newsroom's hand in a thread: a staff reply, a redaction, pins and picks (each answers the comment as readers see it). */
  staffReply(id: number, body: string): Promise<PublicComment> {
    return this.call('POST', `/comments/${id}/replies`, { body });
  }

  redact(id: number, body: string, note?: string): Promise<PublicComment> {
    return this.call('PATCH', `/comments/${id}`, { body, ...(note ? { note } : {}) });
  }

  mark(id: number, mark: 'pin' | 'pick', on: boolean): Promise<PublicComment> {
    return this.call(on ? 'PUT' : 'DELETE', `/comments/${id}/${mark}`);
  }

  act(ids: number[], action: CommentAction, options: { ban?: 'email'; note?: string } = {}): Promise<ActionResult> {
    return this.call('POST', '/comments/bulk', { ids, action, ...options });
  }

  articles(filter: Query): Promise<ArticleListPage> {
    return this.call('GET', `/articles${query(filter)}`);
  }

  article(id: number): Promise<ModeratedArticle> {
    return this.call('GET', `/articles/${id}`);
  }

  articleThread(id: number, cursor?: string | null): Promise<ArticleThreadPage> {
    return this.call('GET', `/articles/${id}/comments${query({ cursor })}`);
  }

  changeArticle(id: number, controls: { open?: boolean; premoderation?: string | null }): Promise<ModeratedArticle> {
    return this.call('PATCH', `/articles/${id}`, controls);
  }

  moderators(): Promise<Moderator[]> {
    return this.call('GET', '/moderators');
  }

  createModerator(account: {
    email: string;
    name?: string;
    role: string;
    sites?: string[];
    password?: string;
  }): Promise<{ moderator: Moderator; password?: string }> {
    return this.call('POST', '/moderators', account);
  }

  /** A new role or sites for an account; its sessions end. */
  changeModerator(id: number, change: { role: string; sites?: string[] }): Promise<Moderator> {
    return this.call('PATCH', `/moderators/${id}`, change);
  }

  removeModerator(id: number): Promise<void> {
    return this.call('DELETE', `/moderators/${id}`);
  }

  bans(site?: string): Promise<Ban[]> {
    return this.call('GET', `/bans${query({ site })}`);
  }

  ban(ban: { site: string; kind: string; value: string; expiresAt?: string; note?: string }): Promise<Ban> {
    return this.call('POST', '/bans', ban);
  }

  liftBan(id: number): Promise<void> {
    return this.call('DELETE', `/bans/${id}`);
  }

  audit(filter: Query): Promise<{ entries: AuditEntry[]; nextCursor: string | null }> {
    return this.call('GET', `/audit${query(filter)}`);
  }

  private async call<T>(method: string, path: string, body?: unknown): Promise<T> {
    try {
      return await request<T>(method, BASE + path, body, this.token);
    } catch (error) {
      if ((error as ApiError).status === 401) this.onSessionEnded();
      throw error;
    }
  }
}

/** `?a=1&b=2` of the values given; absent and empty ones are left out. */
export function query(values: Query): string {
  const params = new URLSearchParams();
  for (const [name, value] of Object.entries(values)) {
    if (value !== undefined && value !== null && value !== '') params.set(name, String(value));
  }
  const text = params.toString();
  return text ? `?${text}` : '';
}

function request<T>(method: string, path: string, body?: unknown, token?: string): Promise<T> {
  // The token is the credential; the desk sends no cookies.
  return requestJson<T>(path, method, body, token ? { authorization: `Bearer ${token}` } : {});
}
