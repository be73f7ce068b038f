import { Injectable } from '@nestjs/common';
import { countLinks } from '../links.js';
import type { CheckOutcome, SpamCandidate, SpamCheck } from '../spam-check.js';

/**
 * WordPress's comment_max_links: a comment with that many links or more in its text waits for a
 * moderator, unless a known author or a classifier sure it is ham vouches for it (most such comments
 * are readers citing their sources). As in WordPress, the Website field is not counted: a reader who
 * fills it in and cites one source is not held.
 */
@Injectable()
export class LinksCheck implements SpamCheck {
  readonly name = 'links';

  check({ body, settings }: SpamCandidate): CheckOutcome | null {
    const links = countLinks(body);
    if (settings.maxLinks <= 0 || links < settings.maxLinks) return null;
    return { score: links, reason: `${links} links (limit ${settings.maxLinks})`, action: 'hold', soft: true };
  }
}
