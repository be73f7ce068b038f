import type { PremoderationMode } from '../sites/site-settings.js';
import type { CommentStatus } from './comment-status.js';

const LINK = /\b(?:https?:\/\/|www\.)\S+/gi;

export function countLinks(text: string): number {
  return text.match(LINK)?.length ?? 0;
}

/**
 * The status a new comment starts in under the site's pre-moderation setting. `first-time` is
 * WordPress's "comment author must have a previously approved comment".
 */
export function premoderatedStatus(
  mode: PremoderationMode,
  body: string,
  authorHasApprovedComment: () => Promise<boolean>,
): Promise<CommentStatus> | CommentStatus {
  switch (mode) {
    case 'all':
      return 'pending';
    case 'links':
      return countLinks(body) > 0 ? 'pending' : 'approved';
    case 'first-time':
      return authorHasApprovedComment().then((known) => (known ? 'approved' : 'pending'));
    default:
      return 'approved';
  }
}
