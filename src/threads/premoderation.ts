import type { PremoderationMode } from '../sites/site-settings.js';
import type { CommentStatus } from './comment-status.js';

const LINK = /\b(?:https?:\/\/|www\.)\S+/gi;

export function countLinks(text: string): number {
  return text.match(LINK)?.length ?? 0;
}

/**
 * The status a comment the spam checks let through starts in, under the site's pre-moderation
 * setting. `first-time` is WordPress's "comment author must have a previously approved comment";
 * a trusted author (see TrustedAuthorCheck) also passes `links`, never `all`.
 */
export function premoderatedStatus(mode: PremoderationMode, body: string, trustedAuthor: boolean): CommentStatus {
  switch (mode) {
    case 'all':
      return 'pending';
    case 'links':
      return countLinks(body) > 0 && !trustedAuthor ? 'pending' : 'approved';
    case 'first-time':
      return trustedAuthor ? 'approved' : 'pending';
    case 'off':
      return 'approved';
  }
}
