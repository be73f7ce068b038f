/**
 * The moderation API's answers as the desk reads them. Shapes the server keeps in plain modules
 * are imported from there (types only: nothing of the server is bundled), so a change to them
 * fails `npm run typecheck` here too.
 */
import type { ApiError } from '../../embed/widget/types.js';
import type { ModeratedArticle, ModeratedSite } from '../../moderation/moderation-answers.js';
import type { Queue, QueueAdded, QueueCounts, QueueItem, QueueUpdated } from '../../moderation/queue.js';
import type { PremoderationMode, SiteSettings } from '../../sites/site-settings.js';
import type { CommentStatus } from '../../threads/comment-status.js';

export type { ApiError, CommentStatus, ModeratedArticle, ModeratedSite, PremoderationMode, Queue, QueueAdded, QueueCounts, QueueItem, QueueUpdated, SiteSettings };

export interface Moderator {
  id: number;
  email: string;
  name: string;
  role: 'admin' | 'moderator';
  sites: string[] | 'all';
  createdAt: string;
}

export interface SignedIn {
  token: string;
  expiresAt: string;
  moderator: Moderator;
}

export interface QueuePage {
  items: QueueItem[];
  nextCursor: string | null;
}

export type CommentAction = 'approve' | 'spam' | 'trash' | 'restore' | 'unapprove';

export interface ActionResult {
  changed: Array<{ id: number; from: CommentStatus; to: CommentStatus }>;
  unchanged: Array<{ id: number; status: CommentStatus; reason: string }>;
  bans: Array<{ id: number; kind: string; value: string; created: boolean }>;
}

export interface ArticleThreadPage {
  article: ModeratedArticle;
  comments: QueueItem[];
  nextCursor: string | null;
}

export interface ArticleListPage {
  articles: Array<ModeratedArticle & { counts: { approved: number; pending: number; flagged: number } }>;
  nextCursor: string | null;
}

export interface Ban {
  id: number;
  siteId: number;
  kind: 'email' | 'domain' | 'ip';
  value: string;
  expiresAt: string | null;
  active: boolean;
  note: string | null;
  createdAt: string;
}

export interface AuditEntry {
  id: number;
  at: string;
  action: string;
  moderator: { id: number; email: string } | null;
  siteId: number | null;
  commentId: number | null;
  articleId: number | null;
  from: string | null;
  to: string | null;
  note: string | null;
  detail: Record<string, unknown>;
}
