import type { ModeratorRole } from '../moderation-answers.js';

export type { PublicModerator } from '../moderation-answers.js';

/** Who is asking, as the bearer token says: the one place that answers "may they see this site?". */
export class ModeratorIdentity {
  constructor(
    readonly id: number,
    readonly email: string,
    readonly name: string,
    readonly role: ModeratorRole,
    /** The sites a moderator belongs to; empty and unused for an admin, who sees every site. */
    readonly siteIds: readonly number[],
    readonly sessionId: number,
    /** When the session ends by itself: live connections close then too. */
    readonly sessionExpiresAt: Date,
    /** Until the account chooses its own password, it may do nothing else (see ModeratorSessionsService.authenticate). */
    readonly mustChangePassword = false,
  ) {}

  get isAdmin(): boolean {
    return this.role === 'admin';
  }

  canSee(siteId: number | null): boolean {
    return siteId !== null && (this.isAdmin || this.siteIds.includes(siteId));
  }

  /** The sites queries must stay within; null means every site. */
  get visibleSiteIds(): readonly number[] | null {
    return this.isAdmin ? null : this.siteIds;
  }
}
