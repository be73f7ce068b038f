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
import type { Queue, QueueAdded, QueueCounts, QueueItem, QueueUpdated } from '../../moderation/queue/queue.js';
import type { PremoderationMode, ReactionSymbol, SiteSettings } from '../../sites/site-settings.js';
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
  ReactionSymbol,
  Queue,
  QueueAdded,
  QueueCounts,
  QueueItem,
  QueueUpdated,
  SignedIn,
  SiteSettings,
};

/** How a moderator hears of comments held on their sites (`GET /session`'s moderator, `PATCH /session/mail`). */
export type HeldMailSettings = Pick<Moderator, 'heldMail' | 'heldMailMinutes'>;
/** In the order the form offers them. */
export const HELD_MAIL_CHOICES = ['each', 'digest', 'none'] as const satisfies ReadonlyArray<HeldMailSettings['heldMail']>;

/** The code of the API's 403 while the account must choose its own password (typed by the server's own constant). */
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
