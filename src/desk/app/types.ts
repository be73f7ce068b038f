/**
 * The moderation API's answers as the desk reads them. Shapes the server keeps in plain modules
 * are imported from there (types only: nothing of the server is bundled), so a change to them
 * fails `npm run typecheck` here too.
 */
import type { ApiError } from '../../browser/request.js';
import type {
  ActionResult,
  CurrentSession,
  ModeratedArticle,
  ModeratedSite,
  PublicAuditEntry as AuditEntry,
  PublicBan as Ban,
  PASSWORD_CHANGE_REQUIRED as ServerPasswordChangeRequired,
  PublicModerator as Moderator,
  SignedIn,
} from '../../moderation/moderation-answers.js';
import type { Queue, QueueAdded, QueueCounts, QueueItem as ServerQueueItem, QueueUpdated } from '../../moderation/queue/queue.js';
import type { PremoderationMode, SiteSettings } from '../../sites/site-settings.js';
import type { CommentStatus } from '../../threads/comment-status.js';

export type {
  ActionResult,
  ApiError,
  AuditEntry,
  CurrentSession,
  Ban,
  CommentStatus,
  ModeratedArticle,
  ModeratedSite,
  Moderator,
  PremoderationMode,
  Queue,
  QueueAdded,
  QueueCounts,
  QueueUpdated,
  SignedIn,
  SiteSettings,
};

/** The code of the API's 403 while the account must choose its own password (typed by the server's own constant). */
/**
 * A queue item; its author is `verified` when they proved the address by a link Kolom emailed to
 * it (optional here until every server the desk talks to says so; absent reads as not verified).
 */
export type QueueItem = ServerQueueItem & { author: { verified?: boolean } };

/** How a moderator hears of comments held on their sites (`GET /session`'s moderator, `PATCH /session/mail`). */
export const HELD_MAIL_CHOICES = ['each', 'digest', 'none'] as const;
export interface HeldMailSettings {
  heldMail: (typeof HELD_MAIL_CHOICES)[number];
  /** The digest's interval, 1 to 1440. */
  heldMailMinutes: number;
}

export const PASSWORD_CHANGE_REQUIRED: typeof ServerPasswordChangeRequired = 'password-change-required';

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
