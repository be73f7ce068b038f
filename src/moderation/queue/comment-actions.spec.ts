import { canMove } from '../../threads/comment-lifecycle.js';
import type { CommentStatus } from '../../threads/comment-status.js';
import { decide } from './comment-actions.service.js';
import type { CommentAction } from './dto/moderation-action.dto.js';

describe("decide: where a moderator's action takes a comment", () => {
  // prettier-ignore
  const rows: Array<[CommentAction, CommentStatus, boolean, string | undefined, CommentStatus | string]> = [
    // action,     status,     flagged, before,     to (or the reason it stays)
    ['approve',   'pending',  false,   undefined,  'approved'],
    ['approve',   'spam',     false,   undefined,  'approved'],
    ['approve',   'trash',    false,   undefined,  'approved'],
    ['approve',   'approved', false,   undefined,  'This comment is already approved.'],
    ['approve',   'approved', true,    undefined,  'approved'],
    ['unapprove', 'approved', false,   undefined,  'pending'],
    ['unapprove', 'pending',  false,   undefined,  'This comment is already pending.'],
    ['unapprove', 'spam',     false,   undefined,  'Only approved comments can be unapproved.'],
    ['spam',      'approved', false,   undefined,  'spam'],
    ['spam',      'trash',    false,   undefined,  'spam'],
    ['spam',      'spam',     false,   undefined,  'This comment is already marked as spam.'],
    ['trash',     'pending',  false,   undefined,  'trash'],
    ['trash',     'trash',    false,   undefined,  'This comment is already in the trash.'],
    ['restore',   'spam',     false,   'approved', 'approved'],
    ['restore',   'trash',    false,   'pending',  'pending'],
    ['restore',   'spam',     false,   undefined,  'pending'],
    ['restore',   'approved', false,   undefined,  'Only comments in spam or trash can be restored.'],
    ['approve',   'deleted',  false,   undefined,  'Its author deleted this comment.'],
    ['restore',   'deleted',  false,   'approved', 'Its author deleted this comment.'],
  ];

  it.each(rows)('%s on %s (flagged %s, before %s) → %s', (action, status, flagged, before, expected) => {
    const decision = decide(action, status, flagged, before);
    if ('to' in decision) {
      expect(decision.to).toBe(expected);
      // Every move it makes is one the lifecycle lets a moderator make (re-approving a flagged comment moves nothing).
      if (decision.to !== status) expect(canMove(status, decision.to, 'moderator')).toBe(true);
    } else {
      expect(decision.reason).toBe(expected);
    }
  });
});
