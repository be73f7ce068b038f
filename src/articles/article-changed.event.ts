/** An article's own state changed (closed, reopened, its pre-moderation): cached pages showing it are stale. */
export const ARTICLE_CHANGED = 'article.changed';

export class ArticleChangedEvent {
  constructor(readonly articleId: number) {}
}
