/*
 * Answer shapes of the public threads API that the widget's browser code reads too: kept free of
 * server imports, so `npm run typecheck` holds both sides to one definition. The decorated classes
 * the OpenAPI document is built from (public-comment.ts, posted-comment.ts, thread-page.ts)
 * implement them; a field readers get goes here first.
 */

export interface PublicAuthor {
  name: string;
  website: string | null;
  /** A signed-in reader's picture, from the site's sign-in token. */
  avatar: string | null;
}

/** A comment as readers see it: never an email, IP, user agent, spam data or token. */
export interface PublicComment {
  id: number;
  articleId: number;
  /** The comment this one hangs under. */
  parentId: number | null;
  /** The comment this one answers (differs from parentId past the max depth). */
  replyToId: number | null;
  /** 1 for a top-level comment. */
  depth: number;
  /** null when the comment was removed. */
  author: PublicAuthor | null;
  /** Plain text; null when the comment was removed. */
  body: string | null;
  /** A removed comment kept as a placeholder because it has visible replies. */
  removed: boolean;
  createdAt: string;
  editedAt: string | null;
  /** The newsroom's own voice: posted by a moderator from the desk, with the site's Staff badge. */
  staff: boolean;
  /** Pinned by a moderator: shown first. */
  pinned: boolean;
  editorsPick: boolean;
  /** A moderator changed the text (a redaction). */
  editedByModerator: boolean;
  /** Readers' likes, one per reader (an IPv4 address or IPv6 /64); who liked is never shown. */
  likes: number;
  replies: PublicComment[];
}

/** The orders of a thread's top-level comments (GET /api/v1/threads `sort`). */
export type ThreadSort = 'oldest' | 'newest' | 'top';

/** What a like looks like on the site's pages (a site setting). */
export type ReactionSymbol = 'heart' | 'thumb';

export interface ThreadArticle {
  /** null until the article's first comment creates it: follow it live by site and URL meanwhile. */
  id: number | null;
  url: string;
  title: string | null;
}

/** One page of an article's thread: top-level comments, each with its replies nested. */
export interface ThreadPage {
  article: ThreadArticle;
  total: number;
  open: boolean;
  maxDepth: number;
  /** The symbol the site shows on its like button. */
  reactionSymbol: ReactionSymbol;
  comments: PublicComment[];
  nextCursor: string | null;
  lastEventId: number;
  /** The form may offer "Notify me of replies by email." (Kolom can send email). */
  replyEmails: boolean;
  /** The site signs its readers in (null: it does not): whether only they may comment, and where they sign in. */
  signIn: ThreadSignIn | null;
}

export interface ThreadSignIn {
  required: boolean;
  url: string | null;
}

/** pending: held for a moderator, shown only to its author (a spam verdict is answered the same). */
export type PublicStatus = 'approved' | 'pending' | 'deleted';

/** The answer to a post, an edit or a retried post. */
export interface PostedComment {
  comment: PublicComment;
  status: PublicStatus;
  message?: string;
  editToken: string;
  editableUntil: string;
  /** Asked for reply emails: subscribed (a proven address), or a confirmation link was sent, now or earlier. */
  replyEmails?: ReplyEmailsAnswer;
}

export type ReplyEmailsAnswer = 'subscribed' | 'confirmation-sent' | 'confirmation-pending';
