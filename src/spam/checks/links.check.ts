import { Injectable } from '@nestjs/common';
import { countLinks } from '../links.js';
import type { CheckOutcome, SpamCandidate, SpamCheck } from '../spam-check.js';

/**
 * WordPress's comment_max_links: a comment with that many links or more waits for a moderator,
 * unless a known author or a classifier sure it is ham vouches for it (most such comments are
 * readers citing their sources).
 */
@Injectable()
export class LinksCheck implements SpamCheck {
  readonly name = 'links';

  check({ body, authorWebsite, settings }: SpamCandidate): CheckOutcome | null {
    const links = countLinks(body) + (authorWebsite ? 1 : 0);
    if (settings.maxLinks <= 0 || links < settings.maxLinks) return null;
    return { score: links, reason: `${links} links (limit ${settings.maxLinks})`, action: 'hold', soft: true };
  }
}
