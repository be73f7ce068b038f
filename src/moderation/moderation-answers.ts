import type { PremoderationMode, SiteSettings } from '../sites/site-settings.js';
import type { BanKind } from '../spam/ban-kinds.js';
import type { CommentStatus } from '../threads/comment-status.js';

/*
 * Answer shapes of the moderation API that the desk's browser code reads too: kept free of server
 * imports, so `npm run typecheck` holds both sides to one definition.
 */

export const MODERATOR_ROLES = ['admin', 'moderator'] as const;
export type ModeratorRole = (typeof MODERATOR_ROLES)[number];

/** What can be in the audit log. */
export const AUDIT_ACTIONS = [
  'approve',
  'unapprove',
  'spam',
  'trash',
  'restore',
  'hold',
  /** The newsroom's hand in a thread (src/moderation/newsroom): a staff reply, a redaction (the text before in the detail), pins and picks. */
  'staff.reply',
  'edit',
  'pin',
  'unpin',
  'pick',
  'unpick',
  'ban',
  'unban',
  'article.close',
  'article.reopen',
  'article.premoderation',
  'site.settings',
  'site.export',
  /** An admin added a site; the detail holds its slug, name, origins and the settings it was given. */
  'site.create',
  /** A site renamed or its origins replaced; the detail holds each before and after (`{name: {from, to}, origins: {from, to}}`). */
  'site.change',
  /** Reader sign-in set up, its secret rotated, or turned off; the detail names the method, never a secret. */
  'site.sign-in',
  'moderator.create',
  'moderator.delete',
  'moderator.password',
  /** An admin changed an account's role or sites; the detail holds each before and after, and how many sessions ended. */
  'moderator.change',
  /** A reader erased their own comments through an emailed link (src/notifications); the detail says how many. */
  'erase',
] as const;
export type AuditAction = (typeof AUDIT_ACTIONS)[number];

export interface ModeratedArticle {
  id: number;
  site: string;
  url: string;
  title: string | null;
  /** Set by hand; comments may still be closed by the site's "close after N days". */
  open: boolean;
  /** Whether readers can post now. */
  acceptingComments: boolean;
  premoderation: PremoderationMode | null;
  createdAt: string;
}

export interface ModeratedSite {
  id: number;
  slug: string;
  name: string;
  origins: string[];
  /** Every setting in effect, defaults included. */
  settings: SiteSettings;
  /** How the site's readers' sign-in tokens are signed: never the secret itself. */
  signIn: 'off' | 'secret' | 'public-key';
  /** Where the classifier holds this site's comments from: in answers to admins only. */
  holdThreshold?: SiteHoldThreshold;
}

/** A site's classifier hold threshold as the answering node uses it (src/spam/thresholds). */
export interface SiteHoldThreshold {
  holdAt: number;
  /** `learned` from the site's moderators' decisions once it has enough; else `default`, the global threshold. */
  source: 'default' | 'learned';
  /** The decided comments with a recorded p it was computed from; null when they could not be read. */
  ham: number | null;
  spam: number | null;
  computedAt: string;
}

/** What a moderator's account looks like in answers: never the password hash. */
export interface PublicModerator {
  id: number;
  email: string;
  name: string;
  role: ModeratorRole;
  /** Slugs of the sites a moderator belongs to; every site for an admin. */
  sites: string[] | 'all';
  /** Email about held comments: each, a digest at most every heldMailMinutes, or none. */
  heldMail: 'each' | 'digest' | 'none';
  heldMailMinutes: number;
  createdAt: string;
}

/** Who a session belongs to (`GET /session`), and whether it must choose its own password first. */
export interface CurrentSession {
  expiresAt: string;
  moderator: PublicModerator;
  /**
   * The password was set by someone else (the first start, an admin): until the account chooses
   * its own, every other moderation route answers 403 with PASSWORD_CHANGE_REQUIRED.
   */
  mustChangePassword: boolean;
}

export interface SignedIn extends CurrentSession {
  token: string;
}

/** The `code` of the 403 (and of the /moderation namespace's refusal) while a session must change its password. */
export const PASSWORD_CHANGE_REQUIRED = 'password-change-required';

export interface PublicBan {
  id: number;
  siteId: number;
  kind: BanKind;
  value: string;
  expiresAt: string | null;
  active: boolean;
  note: string | null;
  createdAt: string;
}

export interface PublicAuditEntry {
  id: number;
  at: string;
  action: AuditAction;
  /** Null when Kolom acted by itself (reader flags, an author's edit judged again). */
  moderator: { id: number; email: string } | null;
  siteId: number | null;
  commentId: number | null;
  articleId: number | null;
  from: string | null;
  to: string | null;
  note: string | null;
  detail: Record<string, unknown>;
}

/** What an action did, comment by comment. */
export interface ActionResult {
  changed: Array<{ id: number; from: CommentStatus; to: CommentStatus }>;
  /** Asked for, but already where the action would put them (another moderator was quicker). */
  unchanged: Array<{ id: number; status: CommentStatus; reason: string }>;
  bans: Array<{ id: number; kind: BanKind; value: string; created: boolean }>;
}
