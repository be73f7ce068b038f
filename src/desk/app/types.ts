/**
 * The moderation API's answers as the desk reads them. Shapes the server keeps in plain modules
 * are imported from there (types only: nothing of the server is bundled), so a change to them
 * fails `npm run typecheck` here too.
 */
import type { Queue, QueueCounts, QueueItem } from '../../moderation/queue.js';
import type { PremoderationMode, SiteSettings } from '../../sites/site-settings.js';
import type { CommentStatus } from '../../threads/comment-status.js';

export type { CommentStatus, PremoderationMode, Queue, QueueCounts, QueueItem, SiteSettings };

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

export interface ModeratedSite {
  id: number;
  slug: string;
  name: string;
  origins: string[];
  settings: SiteSettings;
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

export interface ModeratedArticle {
  id: number;
  site: string;
  url: string;
  title: string | null;
  open: boolean;
  acceptingComments: boolean;
  premoderation: PremoderationMode | null;
  createdAt: string;
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

/** The live events of the /moderation namespace. */
export interface QueueAdded {
  item: QueueItem;
  counts: QueueCounts;
}

export interface QueueUpdated {
  siteId: number;
  action: string;
  changes: Array<{ id: number; from: string; to: string }>;
  by: { id: number; name: string } | null;
  counts: QueueCounts;
}

/** A failed call: the server's message, and its per-field messages when it sent them. */
export interface ApiError {
  status: number;
  message: string;
  fields: Record<string, string>;
}
