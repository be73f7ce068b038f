import { COMMENT_STATUSES, type CommentStatus } from '../../threads/comment-status.js';
import { type Queue, queueOf } from './queue.js';

describe('the queue a comment is in', () => {
  it.each<[CommentStatus, number, Queue | null]>([
    // Approved comments wait for a moderator only while readers' reports are open.
    ['approved', 0, null],
    ['approved', 1, 'flagged'],
    ['approved', 7, 'flagged'],
    // The other queues are the status itself, reports or not.
    ['pending', 0, 'pending'],
    ['pending', 3, 'pending'],
    ['spam', 0, 'spam'],
    ['spam', 2, 'spam'],
    ['trash', 0, 'trash'],
    ['trash', 4, 'trash'],
    // What its author deleted is nobody's to decide on.
    ['deleted', 0, null],
    ['deleted', 5, null],
  ])('a comment stored as %s with %d open reports is in the queue %p (null: in none)', (status, openFlags, queue) => {
    expect(queueOf(status, openFlags)).toBe(queue);
  });

  it('no status falls outside the queues but approved and deleted', () => {
    const outside = COMMENT_STATUSES.filter((status) => queueOf(status, 0) === null);
    expect(outside.sort()).toEqual(['approved', 'deleted']);
  });
});
