import type { PostedComment } from '../../src/threads/posted-comment.js';
import type { ThreadPage } from '../../src/threads/thread-page.js';
import { type Answer, expectStatus, type KolomHttp, type NoContent, type Query, withQuery } from './http.js';

/** A site as the public API names it. */
export type SiteRef = { slug: string };
export type FormFields = Record<string, unknown>;

/** The answer to a reader's report. */
export interface FlagThanks {
  message: string;
}

/**
 * Who a reader is to Kolom: the form fields they always fill in the same way (their email), and
 * what their browser sends with every request (an address of their own through X-Forwarded-For,
 * where the app trusts one proxy hop; a user agent).
 */
export interface ReaderIdentity {
  fields?: FormFields;
  headers?: Record<string, string>;
}

/** What a reader does with the public API: read a thread, comment, change or withdraw their comment, report one. */
export interface Reader {
  /** The thread page of an article, whatever the server answers. */
  open(site: SiteRef, url: string, query?: Query): Promise<Answer<ThreadPage>>;
  /** The thread page of an article; fails the test unless it is served. */
  thread(site: SiteRef, url: string, query?: Query): Promise<ThreadPage>;
  /** A form token for the article, as the widget asks for one when its form comes into view, whatever the server answers. */
  askFormToken(site: SiteRef, url: string): Promise<Answer<{ formToken: string }>>;
  /** A form token for the article; fails the test unless one is handed out. */
  formToken(site: SiteRef, url: string): Promise<string>;
  /** Sends the comment form exactly as given, whatever the server answers. */
  send(form: FormFields): Promise<Answer<PostedComment>>;
  /** A comment (a reply, with parentId) filled in by commentForm and the reader's own fields, whatever the server answers. */
  tryPost(site: SiteRef, fields?: FormFields): Promise<Answer<PostedComment>>;
  /** As tryPost, and fails the test unless the comment is taken, published or held. */
  post(site: SiteRef, fields?: FormFields): Promise<PostedComment>;
  /** As post, and fails the test unless the comment was published at once. */
  publish(site: SiteRef, fields?: FormFields): Promise<PostedComment>;
  /** Changes a comment's text with its edit token (none: no X-Edit-Token header at all). */
  edit(id: number | string, change: unknown, editToken?: string): Promise<Answer<PostedComment>>;
  /** Deletes a comment with its edit token (none: no X-Edit-Token header at all). */
  delete(id: number | string, editToken?: string): Promise<Answer<NoContent>>;
  /** Deletes one's own comment; fails the test unless it is gone. */
  withdraw(posted: PostedComment): Promise<void>;
  /** Reports a comment to the moderators (as spam unless told otherwise). */
  flag(id: number | string, report?: FormFields): Promise<Answer<FlagThanks>>;
}

export function readerOf(api: KolomHttp, identity: ReaderIdentity = {}): Reader {
  const headers = identity.headers ?? {};
  const tokenHeader = (editToken?: string): Record<string, string> => ({ ...headers, ...(editToken === undefined ? {} : { 'X-Edit-Token': editToken }) });
  const reader: Reader = {
    open: (site, url, query = {}) => api.request('GET', withQuery('/api/v1/threads', { site: site.slug, url, ...query }), undefined, headers),
    async thread(site, url, query) {
      return expectStatus(await reader.open(site, url, query), 200).body;
    },
    askFormToken: (site, url) => api.request('GET', withQuery('/api/v1/form-tokens', { site: site.slug, url }), undefined, headers),
    async formToken(site, url) {
      return expectStatus(await reader.askFormToken(site, url), 200).body.formToken;
    },
    send: (form) => api.request('POST', '/api/v1/comments', form, headers),
    tryPost: (site, fields = {}) => reader.send(commentForm(site, { ...identity.fields, ...fields })),
    async post(site, fields) {
      return expectStatus(await reader.tryPost(site, fields), 201).body;
    },
    async publish(site, fields) {
      const posted = await reader.post(site, fields);
      expect(posted.status).toBe('approved');
      return posted;
    },
    edit: (id, change, editToken) => api.request('PATCH', `/api/v1/comments/${id}`, change, tokenHeader(editToken)),
    delete: (id, editToken) => api.request('DELETE', `/api/v1/comments/${id}`, undefined, tokenHeader(editToken)),
    async withdraw(posted) {
      expectStatus(await reader.delete(posted.comment.id, posted.editToken), 204);
    },
    flag: (id, report = { reason: 'spam' }) => api.request('POST', `/api/v1/comments/${id}/flags`, report, headers),
  };
  return reader;
}

let formCounter = 0;

/** A valid comment form for the site, with distinct text each time so it is never a duplicate. */
export function commentForm(site: SiteRef, overrides: FormFields = {}): FormFields {
  formCounter += 1;
  return {
    site: site.slug,
    url: 'https://news.example/politics/budget-vote',
    body: `A thoughtful remark, number ${formCounter}.`,
    name: 'Ayu Lestari',
    email: 'ayu@example.org',
    ...overrides,
  };
}
