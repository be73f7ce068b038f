import { Injectable } from '@nestjs/common';
import { OnEvent } from '@nestjs/event-emitter';
import { LRUCache } from 'lru-cache';
import { ARTICLE_CHANGED, ArticleChangedEvent } from '../articles/article-changed.event.js';
import { COMMENT_REACTED, CommentReactedEvent } from '../reactions/reaction-events.js';
import { CommentEvent, OnReaderVisibleChange } from './comment-events.js';
import type { ServedThreadPage } from './served-page.js';

/**
 * A hot article is read far more often than it is written: its rendered thread pages are kept for a
 * moment and dropped as soon as one of its comments changes on this node. Other nodes' copies age
 * out within TTL_MS (live updates reach open pages over websockets meanwhile).
 */
const TTL_MS = 2_000;
const MAX_BYTES = 64 * 1024 * 1024;
const MAX_TRACKED_ARTICLES = 100_000;
/** Request URLs remembered for the fast path: each maps to one page's key, so this bounds a flood of made-up query strings. */
const MAX_REQUEST_URLS = 20_000;

interface CachedThreadPage {
  articleId: number;
  page: ServedThreadPage;
  articleVersion: number;
}

@Injectable()
export class ThreadPageCache {
  private readonly pages = new LRUCache<string, CachedThreadPage>({
    maxSize: MAX_BYTES,
    sizeCalculation: (cached) => cached.page.size + 100,
    ttl: TTL_MS,
  });
  /**
   * The exact request URL (path and query) of a page served through the controller, whose checks
   * it passed, to its key: the same URL asked again is answered before the framework (CachedThreadPages).
   */
  private readonly requests = new LRUCache<string, string>({ max: MAX_REQUEST_URLS, ttl: TTL_MS });
  /** Bumped on every change to an article's comments; a page built before the bump is stale. */
  private readonly versions = new Map<number, number>();

  key(siteId: number, url: string, sort: string, cursor: string | undefined, limit: number): string {
    return `${siteId}|${sort}|${limit}|${cursor ?? ''}|${url}`;
  }

  get(key: string): ServedThreadPage | undefined {
    const cached = this.pages.get(key);
    if (cached && cached.articleVersion !== this.version(cached.articleId)) {
      this.pages.delete(key);
      return undefined;
    }
    return cached?.page;
  }

  set(key: string, articleId: number, page: ServedThreadPage, versionAtRead: number): void {
    // Comments changed while this page was being read: do not keep what may already be old.
    if (versionAtRead !== this.version(articleId)) return;
    this.pages.set(key, { articleId, page, articleVersion: versionAtRead });
  }

  /** Remembers that this request URL was answered with the page under this key. */
  rememberRequest(requestUrl: string, key: string): void {
    this.requests.set(requestUrl, key);
  }

  /** The current page for a request URL answered moments ago, if it is still fresh. */
  forRequest(requestUrl: string): ServedThreadPage | undefined {
    const key = this.requests.get(requestUrl);
    return key === undefined ? undefined : this.get(key);
  }

  version(articleId: number): number {
    return this.versions.get(articleId) ?? 0;
  }

  @OnReaderVisibleChange()
  invalidate(event: CommentEvent): void {
    this.articleChanged(new ArticleChangedEvent(event.comment.articleId));
  }

  /**
   * A like here: the pages show counts, so they go at once (a reader who likes and reloads sees
   * their like). Likes on other nodes arrive with their batch (ReactionBatches), within a second.
   */
  @OnEvent(COMMENT_REACTED)
  reacted({ articleId }: CommentReactedEvent): void {
    this.articleChanged(new ArticleChangedEvent(articleId));
  }

  @OnEvent(ARTICLE_CHANGED)
  articleChanged({ articleId }: ArticleChangedEvent): void {
    // Versions only matter while pages live (seconds): start afresh rather than grow without bound.
    if (this.versions.size >= MAX_TRACKED_ARTICLES) {
      this.versions.clear();
      this.pages.clear();
      this.requests.clear();
    }
    this.versions.set(articleId, this.version(articleId) + 1);
  }
}
