/**
 * The shapes the widget reads from Kolom's public API and live events (see README, API). The
 * server keeps them in plain modules and they are imported from there (types only: nothing of the
 * server is bundled), so a change to them fails `npm run typecheck` here too.
 */
import type { ApiError } from '../../browser/request.js';
import type { ArticleStarted, ArticleStats, ErrorAck, JoinAck, LiveComment, LiveRemoval, ReactionCounts } from '../../realtime/live-payloads.js';
import type { PostedComment, PublicComment, ReactionSymbol, ThreadPage, ThreadSort } from '../../threads/thread-answers.js';

export type {
  ApiError,
  ArticleStarted,
  ArticleStats,
  ErrorAck,
  JoinAck,
  LiveComment,
  LiveRemoval,
  PostedComment,
  PublicComment,
  ReactionCounts,
  ReactionSymbol,
  ThreadPage,
  ThreadSort,
};

/** The orders a reader may pick, in the order the sort control lists them. */
export const THREAD_SORTS: readonly ThreadSort[] = ['oldest', 'newest', 'top'];

export interface WidgetOptions {
  host: string;
  site: string;
  url: string;
  title: string | null;
  lang: string | null;
  /** The reader's choice (sort-control.ts), which the site's data-sort only presets. */
  sort: ThreadSort;
  /** The news site's sign-in token for its reader (`data-sso`), if it gave one. */
  signIn: string | null;
  /** Only the editor's picks (the reader pressed the filter). */
  picks?: boolean;
}
