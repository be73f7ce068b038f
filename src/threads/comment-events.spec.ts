import { Comment } from './comment.entity.js';
import { CommentEvent, CommentEvents, CommentModeratedEvent, READER_VISIBLE_EVENTS, statusEventsOf, type StatusChange } from './comment-events.js';

const comment = Object.assign(new Comment(), { id: 7, articleId: 3, siteId: 1, status: 'approved' });

describe('statusEventsOf: the events a status change makes', () => {
  it.each([
    ['a new approved comment is published', { from: null, to: 'approved', by: 'author' }, CommentEvents.published],
    ['a new held comment is held', { from: null, to: 'pending', by: 'author' }, CommentEvents.held],
    ['a new spam comment is held too (answered like a hold)', { from: null, to: 'spam', by: 'author' }, CommentEvents.held],
    ['an author deleting a public comment removes it', { from: 'approved', to: 'deleted', by: 'author' }, CommentEvents.removed],
    ["a moderator's move is moderated", { from: 'pending', to: 'approved', by: 'moderator' }, CommentEvents.moderated],
  ] as Array<[string, Omit<StatusChange, 'comment'>, string]>)('%s', (_what, change, name) => {
    const made = statusEventsOf({ comment, ...change });
    expect(made.map((m) => m.name)).toEqual([name]);
    expect(made[0].event.comment).toBe(comment);
  });

  it.each([
    ["readers' flags holding a comment", { from: 'approved', to: 'pending', by: 'kolom', cause: 'flags' }],
    ['an edit judged spam', { from: 'approved', to: 'spam', by: 'kolom', cause: 'edit' }],
    ['a held comment edited into spam', { from: 'pending', to: 'spam', by: 'kolom', cause: 'edit' }],
  ] as Array<[string, Omit<StatusChange, 'comment'>]>)(
    'Kolom moving a comment into a queue (%s) is moderated for readers and held for moderators',
    (_what, change) => {
      const made = statusEventsOf({ comment, ...change });
      expect(made.map((m) => m.name)).toEqual([CommentEvents.moderated, CommentEvents.held]);
      expect(made[0].event).toMatchObject({ from: change.from, to: change.to, by: 'kolom', cause: change.cause });
    },
  );

  it('a moderated event says from where to where', () => {
    const [made] = statusEventsOf({ comment, from: 'spam', to: 'approved', by: 'moderator' });
    expect(made.event).toBeInstanceOf(CommentModeratedEvent);
    expect(made.event).toMatchObject({ from: 'spam', to: 'approved', by: 'moderator' });
  });

  it('an author withdrawing a comment nobody could see makes no event', () => {
    expect(statusEventsOf({ comment, from: 'pending', to: 'deleted', by: 'author' })).toEqual([]);
  });

  it("readers' pages follow published, updated, removed and moderated; held is for moderators only", () => {
    expect([...READER_VISIBLE_EVENTS].sort()).toEqual([CommentEvents.moderated, CommentEvents.published, CommentEvents.removed, CommentEvents.updated].sort());
    expect(READER_VISIBLE_EVENTS).not.toContain(CommentEvents.held);
    expect(new CommentEvent(comment).comment.id).toBe(7);
  });
});
