import type { PremoderationMode } from '../sites/site-settings.js';
import type { CommentStatus } from '../threads/comment-status.js';

/** What an export holds, as the exporter reads it and the writers write it. */
export interface ExportedSite {
  slug: string;
  name: string;
  origins: string[];
}

export interface ExportedArticle {
  id: number;
  url: string;
  title: string | null;
  open: boolean;
  premoderation: PremoderationMode | null;
  createdAt: Date;
}

/** Every field a moderator sees, private ones included: exports are for admins. */
export interface ExportedComment {
  id: number;
  /** Where the comment hangs in the tree (null at the top). */
  parentId: number | null;
  /** The comment it answers: its parent, or, past the site's max depth, the comment beside it that it answered. */
  replyToId: number | null;
  depth: number;
  authorName: string;
  authorEmail: string;
  authorWebsite: string | null;
  body: string;
  status: CommentStatus;
  spamScore: number | null;
  spamReasons: string[];
  /** The spam classifier's calibrated probability when it judged the comment (null: it did not). */
  classifierP: number | null;
  /** Posted by the newsroom's staff from the desk: published past the spam checks, never judged. */
  staff: boolean;
  ip: string | null;
  userAgent: string | null;
  createdAt: Date;
  updatedAt: Date;
  editedAt: Date | null;
  editedFrom: string | null;
  importKey: string | null;
}

export type ExportFormat = 'wxr' | 'json';
export const EXPORT_FORMATS: readonly ExportFormat[] = ['wxr', 'json'];

/**
 * A format's writer: each method answers the text to write next, so the exporter can write it to
 * a file, stdout or an HTTP response and wait for the stream to drain between batches.
 */
export interface ExportWriter {
  start(site: ExportedSite, exportedAt: Date): string;
  article(article: ExportedArticle): string;
  comment(comment: ExportedComment): string;
  endArticle(): string;
  end(): string;
}
