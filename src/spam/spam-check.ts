import type { PremoderationMode, SiteSettings } from '../sites/site-settings.js';

/**
 * What a check concludes. `spam` keeps the comment out of sight, `hold` sends it to the moderators'
 * queue, `trust` vouches for the comment: it lifts a `soft` hold (too many links, a throw-away
 * mailbox), never another red flag. How findings combine is verdictOf's (verdict.ts).
 */
export type SpamAction = 'spam' | 'hold' | 'trust';

export interface CheckOutcome {
  /** Added to the comment's spam score; positive is suspicious, negative reassuring. */
  score: number;
  /**
   * Shown to moderators, e.g. "3 links (limit 2)". Left out only where the outcome records a
   * measurement and nothing else (the classifier's p in its unsure band): no reason, no line.
   */
  reason?: string;
  action?: SpamAction;
  /** A hold that only says "have a look" (links): a check vouching for the comment lifts it. */
  soft?: boolean;
  /**
   * The classifier's calibrated spam probability, whatever it concluded: kept with the comment
   * (privately, like the score) as the evidence a site's hold threshold is learned from.
   */
  probability?: number;
}

/** A new comment as the checks see it, private fields included. */
export interface SpamCandidate {
  siteId: number;
  settings: SiteSettings;
  /** The article's own setting where it has one, else the site's. */
  premoderation: PremoderationMode;
  articleId: number;
  /** The article's canonical URL (Akismet's permalink). */
  articleUrl: string;
  /** The site's main origin, its first allowed one (Akismet's blog). */
  siteUrl: string;
  body: string;
  authorName: string;
  authorEmail: string;
  authorWebsite: string | null;
  /** The site's own account that signed in to post it; null for the form alone. */
  authorAccount?: string | null;
  ip: string | null;
  userAgent: string | null;
  /** From the thread page the form came with: signed, dated, bound to the site and article. */
  formToken: string | undefined;
  /** The hidden form field real readers never see, so never fill in. */
  honeypot: string | undefined;
  /** An author's edit of a stored comment, judged again: there is no form to time or trap. */
  edit: boolean;
}

/** One check, one job. Add a check by adding a class to SPAM_CHECK_TYPES (spam.module.ts). */
export interface SpamCheck {
  readonly name: string;
  /** null: nothing to say about this comment. */
  check(candidate: SpamCandidate): CheckOutcome | null | Promise<CheckOutcome | null>;
}

export const SPAM_CHECKS = Symbol('SPAM_CHECKS');
