import type { CommentStatus } from '../../threads/comment-status.js';

export const QUEUES = ['pending', 'flagged', 'spam', 'trash'] as const;
export type Queue = (typeof QUEUES)[number];
export const QUEUE_SORTS = ['newest', 'oldest'] as const;
export type QueueSort = (typeof QUEUE_SORTS)[number];

/** Flagged is approved comments readers reported; the others are comments in that status. */
export function queueOf(status: CommentStatus, openFlags: number): Queue | null {
  if (status === 'approved') return openFlags > 0 ? 'flagged' : null;
  return status === 'deleted' ? null : status;
}

export interface QueueFilter {
  queue: Queue;
  siteIds: number[];
  articleId?: number;
  email?: string;
  text?: string;
  sort: QueueSort;
  afterId: number | null;
  limit: number;
}

export type QueueCounts = Record<Queue, number>;

/** A comment as a moderator sees it: private fields included, with what it takes to decide. */
export interface QueueItem {
  id: number;
  site: { id: number; slug: string };
  status: CommentStatus;
  /** The queue it is in now; null once it is approved with no open flags (or deleted by its author). */
  queue: Queue | null;
  body: string;
  /** `verified`: the author proved the address through a link Kolom emailed to it (src/notifications). */
  author: { name: string; email: string; website: string | null; ip: string | null; userAgent: string | null; verified: boolean };
  createdAt: string;
  editedAt: string | null;
  /** The text before the author's last edit: an edit is judged again, and may be what put the comment here. */
  editedFrom: string | null;
  /** The newsroom's marks (src/moderation/newsroom): a staff reply, pinned, an editor's pick, redacted by a moderator. */
  newsroom: { staff: boolean; pinned: boolean; editorsPick: boolean; editedByModerator: boolean };
  article: { id: number; url: string; title: string | null; open: boolean };
  /** The comment it answers, when it is a reply. */
  parent: { id: number; authorName: string; body: string; status: CommentStatus } | null;
  verdict: { score: number | null; reasons: string[] };
  /** Readers' reports not yet decided on. */
  flags: { count: number; reasons: Partial<Record<string, number>>; notes: string[] };
  /** The author's comments on this site, by status: a regular reader or a first-time poster. */
  record: Partial<Record<CommentStatus, number>>;
}

/** The /moderation namespace's events (the desk reads these shapes too). */
export interface QueueAdded {
  item: QueueItem;
  /** The counts of the item's site, after the change. */
  counts: QueueCounts;
}

export interface QueueUpdated {
  siteId: number;
  action: string;
  /** Each comment acted on and where it went. */
  changes: Array<{ id: number; from: string; to: string }>;
  by: { id: number; name: string } | null;
  counts: QueueCounts;
}
