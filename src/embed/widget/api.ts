import { requestJson } from '../../browser/request.js';
import type { ReportReason } from './report-menu.js';
import { readerTokens } from './storage.js';
import type { PostedComment, ThreadPage, WidgetOptions } from './types.js';

/** A like's answer: the comment's likes now, and whether this reader likes it. */
export interface LikeAnswer {
  likes: number;
  liked: boolean;
}

export interface CommentForm {
  body: string;
  name: string;
  email: string;
  website?: string;
  parentId?: number;
  formToken?: string;
  idempotencyKey: string;
  /** Sent only when the reader ticked "Notify me of replies by email." */
  notifyReplies?: true;
}

/** Kolom's public API, on the host the script came from: the only server the widget talks to. */
export class KolomApi {
  /** The site's sign-in token for its reader: sent with each post, where it stands for name and email. */
  signIn: string | null;

  constructor(private readonly options: WidgetOptions) {
    this.signIn = options.signIn;
  }

  thread(cursor?: string | null): Promise<ThreadPage> {
    const query = new URLSearchParams({ site: this.options.site, url: this.options.url, sort: this.options.sort });
    if (cursor) query.set('cursor', cursor);
    if (this.options.picks) query.set('picks', 'true');
    // Revalidated every time (a 304 when unchanged): a reader who reloads after commenting sees the page
    // as it is now, not the copy their browser kept; a CDN in front still answers for the origin.
    return requestJson<ThreadPage>(`${this.options.host}/api/v1/threads?${query}`, 'GET', undefined, {}, 'no-cache');
  }

  /** A token for the comment form, asked for when the reader is about to write: the thread page, shared by every reader, holds none. */
  async formToken(): Promise<string> {
    const query = new URLSearchParams({ site: this.options.site, url: this.options.url });
    return (await this.call<{ formToken: string }>('GET', `/api/v1/form-tokens?${query}`)).formToken;
  }

  post(form: CommentForm): Promise<PostedComment> {
    return this.call<PostedComment>('POST', '/api/v1/comments', {
      site: this.options.site,
      url: this.options.url,
      title: this.options.title ?? undefined,
      // A confirmed reader's proof that the address is theirs: no confirmation is asked again, and moderators see it verified.
      readerToken: readerTokens.get(this.options.site) ?? undefined,
      signIn: this.signIn ?? undefined,
      ...form,
    });
  }

  /** Kolom's page where readers export or erase their comments on this site. */
  privacyPage(): string {
    return `${this.options.host}/privacy?${new URLSearchParams({ site: this.options.site })}`;
  }

  edit(id: number, editToken: string, body: string): Promise<PostedComment> {
    return this.call<PostedComment>('PATCH', `/api/v1/comments/${id}`, { body }, { 'X-Edit-Token': editToken });
  }

  remove(id: number, editToken: string): Promise<void> {
    return this.call<void>('DELETE', `/api/v1/comments/${id}`, undefined, { 'X-Edit-Token': editToken });
  }

  /** A reader's report to the moderators (README, "Report a comment"): once per reader per comment. */
  report(id: number, reason: ReportReason, text?: string): Promise<{ message: string }> {
    return this.call<{ message: string }>('POST', `/api/v1/comments/${id}/flags`, { reason, text });
  }

  /** Likes the comment (liked) or takes the like back. */
  like(id: number, liked: boolean): Promise<LikeAnswer> {
    return this.call<LikeAnswer>(liked ? 'POST' : 'DELETE', `/api/v1/comments/${id}/reactions`);
  }

  private call<T>(method: string, path: string, body?: unknown, headers: Record<string, string> = {}): Promise<T> {
    return requestJson<T>(this.options.host + path, method, body, headers);
  }
}
