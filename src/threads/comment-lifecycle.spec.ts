import { canMove, STATUS_TRANSITIONS, type StatusActor } from './comment-lifecycle.js';
import { COMMENT_STATUSES, type CommentStatus } from './comment-status.js';

describe('the comment lifecycle', () => {
  // prettier-ignore
  const allowed: Array<[CommentStatus, CommentStatus, StatusActor]> = [
    ['pending',  'approved', 'moderator'],
    ['pending',  'spam',     'moderator'],
    ['pending',  'spam',     'kolom'],
    ['pending',  'trash',    'moderator'],
    ['pending',  'deleted',  'author'],
    ['approved', 'pending',  'moderator'],
    ['approved', 'pending',  'kolom'],
    ['approved', 'spam',     'moderator'],
    ['approved', 'spam',     'kolom'],
    ['approved', 'trash',    'moderator'],
    ['approved', 'deleted',  'author'],
    ['spam',     'approved', 'moderator'],
    ['spam',     'pending',  'moderator'],
    ['spam',     'trash',    'moderator'],
    ['trash',    'approved', 'moderator'],
    ['trash',    'pending',  'moderator'],
    ['trash',    'spam',     'moderator'],
  ];

  it('allows exactly the moves declared, each to exactly its actors', () => {
    const actors: StatusActor[] = ['author', 'moderator', 'kolom'];
    const every = COMMENT_STATUSES.flatMap((from) => COMMENT_STATUSES.flatMap((to) => actors.map((by) => [from, to, by] as const)));
    const granted = every.filter(([from, to, by]) => canMove(from, to, by));
    expect(granted).toEqual(expect.arrayContaining(allowed));
    expect(granted).toHaveLength(allowed.length);
  });

  it.each([
    ['deleted is final', 'deleted', 'approved', 'moderator'],
    ['an author cannot take back a trashed comment', 'trash', 'deleted', 'author'],
    ['an author cannot approve', 'pending', 'approved', 'author'],
    ['Kolom itself never publishes', 'pending', 'approved', 'kolom'],
    ['Kolom itself never takes a comment out of spam', 'spam', 'pending', 'kolom'],
    ['an author cannot delete spam, the evidence', 'spam', 'deleted', 'author'],
    ['a status does not move to itself', 'approved', 'approved', 'moderator'],
  ] as Array<[string, CommentStatus, CommentStatus, StatusActor]>)('%s', (_why, from, to, by) => {
    expect(canMove(from, to, by)).toBe(false);
  });

  it('declares every status', () => {
    expect(Object.keys(STATUS_TRANSITIONS).sort()).toEqual([...COMMENT_STATUSES].sort());
  });
});
