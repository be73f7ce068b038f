import { COMMENT_STATUSES, type CommentStatus } from './comment-status.js';
import { publicStatus } from './posted-comment.js';

type PublicStatus = ReturnType<typeof publicStatus>;

describe('what an author is told of their comment’s status', () => {
  const told: Array<[CommentStatus, PublicStatus]> = [
    ['approved', 'approved'],
    ['pending', 'pending'],
    // A spam verdict is answered exactly like a hold, so a spammer cannot tell the two apart.
    ['spam', 'pending'],
    ['trash', 'pending'],
    ['deleted', 'deleted'],
  ];

  it.each(told)('a comment stored as %s is answered as %s', (stored, answered) => {
    expect(publicStatus(stored)).toBe(answered);
  });

  it('the table above covers every status a comment can have', () => {
    expect(told.map(([stored]) => stored).sort()).toEqual([...COMMENT_STATUSES].sort());
  });

  it('never answers spam or trash by name', () => {
    const answers = new Set(COMMENT_STATUSES.map(publicStatus));
    expect([...answers].sort()).toEqual(['approved', 'deleted', 'pending']);
  });
});
