import { Comment } from './comment.entity.js';
import { CommentEvent, CommentEvents, CommentModeratedEvent, READER_VISIBLE_EVENTS, statusEventOf, type StatusChange } from './comment-events.js';

const comment = Object.assign(new Comment(), { id: 7, articleId: 3, siteId: 1, status: 'approved' });

describe('statusEventOf: the event a status change makes', () => {
  it.each([
    ['a new approved comment is published', { from: null, to: 'approved', by: 'author' }, CommentEvents.published],
    ['a new held comment is held', { from: null, to: 'pending', by: 'author' }, CommentEvents.held],
    ['a new spam comment is held too (answered like a hold)', { from: null, to: 'spam', by: 'author' }, CommentEvents.held],
    ['an author deleting a public comment removes it', { from: 'approved', to: 'deleted', by: 'author' }, CommentEvents.removed],
    ["a moderator's move is moderated", { from: 'pending', to: 'approved', by: 'moderator' }, CommentEvents.moderated],
    ["readers' flags holding a comment is moderated", { from: 'approved', to: 'pending', by: 'kolom' }, CommentEvents.moderated],
  ] as Array<[string, Omit<StatusChange, 'comment'>, string]>)('%s', (_what, change, name) => {
    const made = statusEventOf({ comment, ...change });
    expect(made?.name).toBe(name);
    expect(made?.event.comment).toBe(comment);
  });

  it('a moderated event says from where to where', () => {
    const made = statusEventOf({ comment, from: 'spam', to: 'approved', by: 'moderator' });
    expect(made?.event).toBeInstanceOf(CommentModeratedEvent);
    expect(made?.event).toMatchObject({ from: 'spam', to: 'approved' });
  });

  it('an author withdrawing a comment nobody could see makes no event', () => {
    expect(statusEventOf({ comment, from: 'pending', to: 'deleted', by: 'author' })).toBeNull();
    expect(statusEventOf({ comment, from: 'spam', to: 'deleted', by: 'author' })).toBeNull();
  });

  it("readers' pages follow published, updated, removed and moderated; held is for moderators only", () => {
    expect([...READER_VISIBLE_EVENTS].sort()).toEqual([CommentEvents.moderated, CommentEvents.published, CommentEvents.removed, CommentEvents.updated].sort());
    expect(READER_VISIBLE_EVENTS).not.toContain(CommentEvents.held);
    expect(new CommentEvent(comment).comment.id).toBe(7);
  });
});
