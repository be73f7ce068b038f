import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { Comment } from '../../threads/comment.entity.js';
import { countLinks } from '../../threads/premoderation.js';
import { disposableDomainOf } from './disposable-email.check.js';
import type { CheckOutcome, SpamCandidate, SpamCheck } from '../spam-check.js';

/**
 * An email with approved comments on the site belongs to a known reader: WordPress's "comment
 * author must have a previously approved comment". Asked only where pre-moderation, the links
 * check or the disposable-email check would otherwise hold the comment, so an ordinary post costs
 * no query for it.
 */
@Injectable()
export class TrustedAuthorCheck implements SpamCheck {
  readonly name = 'trusted author';

  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  async check({ siteId, authorEmail, authorWebsite, body, settings }: SpamCandidate): Promise<CheckOutcome | null> {
    const links = countLinks(body);
    const premoderated = settings.premoderation === 'first-time' || (settings.premoderation === 'links' && links > 0);
    const linksHeld = settings.maxLinks > 0 && links + (authorWebsite ? 1 : 0) >= settings.maxLinks;
    if (!premoderated && !linksHeld && !disposableDomainOf(authorEmail)) return null;
    const known = await this.dataSource.getRepository(Comment).existsBy({ siteId, authorEmail, status: 'approved' });
    return known ? { score: -1, reason: 'the author has approved comments on this site', action: 'trust' } : null;
  }
}
