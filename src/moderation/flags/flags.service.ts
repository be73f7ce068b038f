import { ConflictException, Injectable, NotFoundException } from '@nestjs/common';
import { EventEmitter2 } from '@nestjs/event-emitter';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager } from 'typeorm';
import { SecretsService } from '../../secrets/secrets.service.js';
import { SitesService } from '../../sites/sites.service.js';
import { CommentStatusEvents } from '../../threads/comment-events.js';
import { CommentsRepository } from '../../threads/comments.repository.js';
import type { ClientInfo } from '../../http/client-info.decorator.js';
import { AuditLog } from '../audit/audit-log.js';
import type { FlagDto } from './dto/flag.dto.js';
import { Flag } from './flag.entity.js';
import { CommentFlaggedEvent, ModerationEvents } from '../moderation-events.js';
import { type RateLimit, RateLimits } from '../../rate-limits/rate-limits.js';
import { readerOf } from '../../rate-limits/client-network.js';

/** A reader reports at most 10 comments in 10 minutes: enough to report a troll, not to bury a debate. */
const FLAG_LIMIT: RateLimit = { name: 'flags', points: 10, seconds: 600 };

export const FLAG_MESSAGES = {
  thanks: 'Thank you. A moderator will look at this comment.',
  already: 'You have already reported this comment.',
  tooMany: 'You have reported many comments in a short time.',
  noSuchComment: 'There is no such comment.',
} as const;

/**
 * Readers' reports. Enough of them take an approved comment off the page until a moderator decides.
 * "Enough" is weighed, not counted: a reporter counts 1, halved for each earlier report of theirs
 * on this site that moderators dismissed (they approved the comment anyway), so a reader who
 * reports what they merely dislike soon cannot hide anything, even with friends. A site sets the
 * weight that holds a comment (flagThreshold); 0 never holds, and reports only reach the queue.
 */
@Injectable()
export class FlagsService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly comments: CommentsRepository,
    private readonly sites: SitesService,
    private readonly secrets: SecretsService,
    private readonly limits: RateLimits,
    private readonly audit: AuditLog,
    private readonly events: EventEmitter2,
    private readonly statusEvents: CommentStatusEvents,
  ) {}

  async flag(commentId: number, report: FlagDto, client: ClientInfo): Promise<{ message: string }> {
    const comment = await this.comments.findById(commentId);
    if (!comment || comment.status !== 'approved') throw new NotFoundException(FLAG_MESSAGES.noSuchComment);
    const site = await this.sites.getById(comment.siteId);
    // One reader is one IPv4 address or IPv6 /64 on one site (or, with no address, one browser): counted, not kept.
    const fingerprint = this.secrets.mac('flag-reader', `${site.id}|${readerOf(client)}`);
    await this.limits.ensureLeft(FLAG_LIMIT, fingerprint, FLAG_MESSAGES.tooMany);

    const held = await this.dataSource.transaction(async (manager) => {
      // Flags on one comment take turns, so the one that reaches the threshold always sees it.
      const [locked] = await this.comments.lockForChange(manager, [commentId]);
      if (!locked || locked.status !== 'approved') throw new NotFoundException(FLAG_MESSAGES.noSuchComment);
      const inserted = await manager
        .createQueryBuilder()
        .insert()
        .into(Flag)
        .values({ siteId: site.id, commentId, reason: report.reason, text: report.text ?? null, fingerprint })
        .orIgnore()
        .returning('id')
        .updateEntity(false)
        .execute();
      if ((inserted.raw as unknown[]).length === 0) throw new ConflictException(FLAG_MESSAGES.already);
      const { readers, weight } = await this.openReports(manager, commentId);
      const threshold = site.effectiveSettings.flagThreshold;
      if (threshold === 0 || weight < threshold) return false;
      await this.comments.moveStatuses([{ comment: locked, to: 'pending' }], 'kolom', manager);
      await this.audit.record(manager, null, [
        {
          action: 'hold',
          siteId: site.id,
          commentId,
          articleId: comment.articleId,
          from: 'approved',
          to: 'pending',
          note: `${readers} reader reports${weight === readers ? '' : ` weighing ${weight}`} (the site holds at ${threshold})`,
        },
      ]);
      return true;
    });

    // Only reports that count use up the reader's allowance: a repeat (409) does not.
    await this.limits.penalise(FLAG_LIMIT, fingerprint);
    if (held) {
      comment.status = 'pending';
      this.statusEvents.emitCommitted([{ comment, from: 'approved', to: 'pending', by: 'kolom', cause: 'flags' }]);
    }
    this.events.emit(ModerationEvents.flagged, new CommentFlaggedEvent(comment, held));
    return { message: FLAG_MESSAGES.thanks };
  }

  /**
   * The comment's open reports, and what they weigh: each reporter 1/2^d, d being how many of their
   * reports on this site moderators dismissed. Halving (rather than, say, a ban on reporting) keeps
   * one mistaken dismissal cheap and makes a habit costly; the halving stops at 30 (a billionth).
   */
  private async openReports(manager: EntityManager, commentId: number): Promise<{ readers: number; weight: number }> {
    const [row] = (await manager.query(
      `SELECT count(*)::int AS readers,
              coalesce(sum(power(2, -least(30, (
                SELECT count(*) FROM flags d JOIN comments c ON c.id = d.comment_id
                 WHERE d.site_id = f.site_id AND d.fingerprint = f.fingerprint AND d.resolved_at IS NOT NULL AND c.status = 'approved')))), 0)::float8 AS weight
         FROM flags f
        WHERE f.comment_id = $1 AND f.resolved_at IS NULL`,
      [commentId],
    )) as Array<{ readers: number; weight: number }>;
    return row;
  }
}
