import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { EVIDENCE_WINDOW, type HoldEvidence } from './hold-threshold.js';

/**
 * What a site's moderators decided about the comments the classifier scored: approved (readers
 * saw it, or a moderator let it through) is ham, spam is spam. Pending, trash and deleted
 * comments are undecided, and comments without a p (the classifier was silent, staff replies,
 * imports) say nothing of the threshold.
 */
@Injectable()
export class HoldEvidenceRepository {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  async of(siteId: number): Promise<HoldEvidence> {
    const [ham, spam] = await Promise.all([this.recentP(siteId, 'approved'), this.recentP(siteId, 'spam')]);
    return { hamP: ham, spam: spam.length };
  }

  /**
   * The p of the site's most recent EVIDENCE_WINDOW comments in one status that have one: a
   * backward walk of comments_queue (site, status, id) that stops at the window. It reads past
   * comments without a p, so a site with a long history from before p was recorded reads that
   * history until it has a window's worth (once per cache period, SiteHoldThresholds).
   */
  private async recentP(siteId: number, status: 'approved' | 'spam'): Promise<number[]> {
    // By table name, not the Comment entity: spam does not import threads (threads calls spam).
    const rows = await this.dataSource
      .createQueryBuilder()
      .select('c.classifier_p', 'p')
      .from('comments', 'c')
      .where('c.site_id = :siteId AND c.status = :status AND c.classifier_p IS NOT NULL', { siteId, status })
      .orderBy('c.id', 'DESC')
      .limit(EVIDENCE_WINDOW)
      .getRawMany<{ p: number }>();
    return rows.map((row) => row.p);
  }
}
