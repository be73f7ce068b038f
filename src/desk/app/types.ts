/**
 * The moderation API's answers as the desk reads them. Shapes the server keeps in plain modules
 * are imported from there (types only: nothing of the server is bundled), so a change to them
 * fails `npm run typecheck` here too.
 */
import type { ApiError } from '../../browser/request.js';
import type {
  ActionResult,
  ModeratedArticle,
  ModeratedSite,
  PublicAuditEntry as AuditEntry,
  PublicBan as Ban,
  PublicModerator as Moderator,
  SignedIn,
} from '../../moderation/moderation-answers.js';
import type { Queue, QueueAdded, QueueCounts, QueueItem, QueueUpdated } from '../../moderation/queue/queue.js';
import type { PremoderationMode, SiteSettings } from '../../sites/site-settings.js';
import type { CommentStatus } from '../../threads/comment-status.js';

export type {
  ActionResult,
  ApiError,
  AuditEntry,
  Ban,
  CommentStatus,
  ModeratedArticle,
  ModeratedSite,
  Moderator,
  PremoderationMode,
  Queue,
  QueueAdded,
  QueueCounts,
  QueueItem,
  QueueUpdated,
  SignedIn,
  SiteSettings,
};

export interface QueuePage {
  items: QueueItem[];
  nextCursor: string | null;
}

export type CommentAction = 'approve' | 'spam' | 'trash' | 'restore' | 'unapprove';

export interface ArticleThreadPage {
  article: ModeratedArticle;
  comments: QueueItem[];
  nextCursor: string | null;
}

export interface ArticleListPage {
  articles: Array<ModeratedArticle & { counts: { approved: number; pending: number; flagged: number } }>;
  nextCursor: string | null;
}
