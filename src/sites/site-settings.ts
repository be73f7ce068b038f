import type { ReactionSymbol } from '../threads/thread-answers.js';

export const PREMODERATION_MODES = ['off', 'links', 'first-time', 'all'] as const;
export type PremoderationMode = (typeof PREMODERATION_MODES)[number];
export const REACTION_SYMBOLS = ['heart', 'thumb'] as const satisfies readonly ReactionSymbol[];
export type { ReactionSymbol };

/** A site's comment rules. Stored as the overrides only, so a new default reaches every site. */
export interface SiteSettings {
  /** Deepest reply level, as WordPress's thread_comments_depth: 1 is flat, top-level comments are depth 1. */
  maxDepth: number;
  /** A comment with at least this many links (body + website) is held. */
  maxLinks: number;
  /**
   * A comment sent sooner than this after its form was loaded (the form token's age) is held, or
   * kept out of sight when sent within a second; without a valid token it is held. 0 turns the
   * check off, for sites that post through the API from their own servers.
   */
  minSubmitSeconds: number;
  /** Same email or IP again within this many seconds answers 429; 0 disables the check. */
  floodSeconds: number;
  premoderation: PremoderationMode;
  /**
   * Query parameters that tell one article from another on this site (WordPress's `p`, a CMS's
   * `id`); every other parameter is dropped from article URLs. Empty: the path alone names an article.
   */
  articleParameters: string[];
  /**
   * New articles one client network (an IPv4 address or IPv6 /64) may start per hour with their
   * first comments; 0 for no limit (a site posting through the API from its own servers). Readers
   * nearly always comment where others have; a script posting to made-up URLs to fill the
   * moderators' Articles list is what this stops. Generous, for offices and mobile networks.
   */
  newArticlesPerHour: number;
  /** Comments close this many days after the article's first comment; 0 keeps them open. */
  closeAfterDays: number;
  /** How long an author may edit or delete their own comment. */
  editWindowMinutes: number;
  /**
   * Reader flags that take an approved comment off the page until a moderator decides, each
   * reporter weighed (flags.service.ts); 0 never takes one off, reports only reach the queue.
   */
  flagThreshold: number;
  /**
   * A reader subscribed to replies gets at most one email per thread in this many minutes: replies
   * arriving meanwhile wait and go together in the next one. 0 sends one per reply.
   */
  replyMailMinutes: number;
  /**
   * Only readers signed in with the site's own accounts may comment (reading stays open), as
   * WordPress's "Users must be registered and logged in to comment". Needs sign-in set up.
   */
  signInRequired: boolean;
  /** Where the widget sends a reader to sign in (the site's own login page); empty: no link. */
  signInUrl: string;
  /** What the like button shows: a heart or a thumbs-up (readers can only like; there is no dislike). */
  reactionSymbol: ReactionSymbol;
  /**
   * Spam and trash are deleted for good this many days after they got there (their last status
   * change), as WordPress's EMPTY_TRASH_DAYS; 0 keeps them. One with replies readers still see
   * becomes a placeholder instead (src/housekeeping).
   */
  purgeSpamTrashDays: number;
  /** Comments' IP addresses and user agents are erased this many days after posting; 0 keeps them. */
  keepAddressesDays: number;
  moderationWords: string[];
  blockedWords: string[];
  locale: string;
}

export const DEFAULT_SITE_SETTINGS: Readonly<SiteSettings> = Object.freeze({
  maxDepth: 5,
  maxLinks: 2,
  minSubmitSeconds: 3,
  floodSeconds: 15,
  premoderation: 'off',
  articleParameters: [],
  newArticlesPerHour: 30,
  closeAfterDays: 0,
  editWindowMinutes: 15,
  flagThreshold: 3,
  replyMailMinutes: 10,
  signInRequired: false,
  signInUrl: '',
  reactionSymbol: 'heart',
  purgeSpamTrashDays: 30,
  keepAddressesDays: 90,
  moderationWords: [],
  blockedWords: [],
  locale: 'en',
});

export function resolveSettings(overrides: Partial<SiteSettings> | null | undefined): SiteSettings {
  return { ...DEFAULT_SITE_SETTINGS, ...(overrides ?? {}) };
}
