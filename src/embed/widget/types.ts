import type { ApiError } from '../../browser/request.js';

/** The shapes the widget reads from Kolom's public API and live events (see README, API). */
export interface PublicComment {
  id: number;
  articleId: number;
  parentId: number | null;
  replyToId: number | null;
  depth: number;
  author: { name: string; website: string | null } | null;
  body: string | null;
  removed: boolean;
  createdAt: string;
  editedAt: string | null;
  replies: PublicComment[];
  eventId?: number;
}

export interface ThreadPage {
  article: { id: number; url: string; title: string | null };
  total: number;
  open: boolean;
  maxDepth: number;
  comments: PublicComment[];
  nextCursor: string | null;
  lastEventId: number;
  formToken: string;
}

export interface PostedComment {
  comment: PublicComment;
  status: 'approved' | 'pending' | 'deleted';
  message?: string;
  editToken: string;
  editableUntil: string;
}

export type { ApiError };

export interface WidgetOptions {
  host: string;
  site: string;
  url: string;
  title: string | null;
  lang: string | null;
  sort: 'oldest' | 'newest';
}
