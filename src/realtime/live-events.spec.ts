import type { ArticleEventKind } from '../threads/article-event.entity.js';
import type { OutboxEvent } from '../threads/article-events.repository.js';
import type { CommentStatus } from '../threads/comment-status.js';
import type { PublicCommentSource } from '../threads/public-comment.js';
import { sortPathFor } from '../threads/sort-path.js';
import { LiveEvents, toLiveEvent } from './live-events.js';

const ARTICLE = 7;
const CREATED_AT = new Date('2026-03-01T09:30:00.000Z');
const EDITED_AT = new Date('2026-03-01T09:40:00.000Z');

function comment(status: CommentStatus, editedAt: Date | null = null): PublicCommentSource {
  return {
    id: 42,
    articleId: ARTICLE,
    parentId: 40,
    replyToId: 41,
    depth: 2,
    sortPath: sortPathFor(sortPathFor(null, 40), 42),
    authorName: 'Ayu',
    authorWebsite: 'https://ayu.example.org',
    authorAvatar: null,
    staff: false,
    pinnedAt: null,
    editorsPick: false,
    moderatorEditedAt: null,
    body: 'The ferry should run on Sundays too.',
    status,
    createdAt: CREATED_AT,
    editedAt,
    likeCount: 2,
  };
}

function event(kind: ArticleEventKind, source: PublicCommentSource | null): OutboxEvent {
  return { eventId: 901, kind, commentId: 42, comment: source, createdAt: new Date(CREATED_AT) };
}

/** The comment as readers see it, with the event id to send back as lastSeenId. */
const shown = (editedAt: string | null) => ({
  id: 42,
  articleId: ARTICLE,
  parentId: 40,
  replyToId: 41,
  depth: 2,
  author: { name: 'Ayu', website: 'https://ayu.example.org', avatar: null },
  body: 'The ferry should run on Sundays too.',
  removed: false,
  createdAt: CREATED_AT.toISOString(),
  editedAt,
  staff: false,
  pinned: false,
  editorsPick: false,
  editedByModerator: false,
  likes: 2,
  replies: [],
  eventId: 901,
});

describe('an outbox row as readers get it', () => {
  it.each<[ArticleEventKind, string, Date | null, string | null]>([
    ['comment.created', LiveEvents.created, null, null],
    ['comment.updated', LiveEvents.updated, EDITED_AT, EDITED_AT.toISOString()],
  ])('%s of an approved comment goes out as %s, in the public shape', (kind, name, editedAt, editedAtShown) => {
    expect(toLiveEvent(ARTICLE, event(kind, comment('approved', editedAt)))).toEqual({ name, payload: shown(editedAtShown) });
  });

  it.each<[ArticleEventKind, string, PublicCommentSource | null]>([
    // Removed since: its removal event follows, so the comment must not be shown again meanwhile.
    ['comment.created', 'spam', comment('spam')],
    ['comment.created', 'in the trash', comment('trash')],
    ['comment.created', 'deleted by its author', comment('deleted')],
    ['comment.created', 'held', comment('pending')],
    ['comment.updated', 'held', comment('pending')],
    ['comment.updated', 'spam', comment('spam')],
    // Deleted for good: nothing left to show.
    ['comment.created', 'gone from the table', null],
    ['comment.updated', 'gone from the table', null],
  ])('%s of a comment that is now %s sends nothing', (kind, _now, source) => {
    expect(toLiveEvent(ARTICLE, event(kind, source))).toBeNull();
  });

  it.each<[string, PublicCommentSource | null]>([
    ['approved again since', comment('approved')],
    ['in the trash', comment('trash')],
    ['deleted for good', null],
  ])('a removal goes out whatever the comment is now (%s), naming only its id, article and event', (_now, source) => {
    expect(toLiveEvent(ARTICLE, event('comment.removed', source))).toEqual({
      name: LiveEvents.removed,
      payload: { id: 42, articleId: ARTICLE, eventId: 901 },
    });
  });

  it("carries nothing private of the comment: no email, address, spam verdict, classifier's p or sort path", () => {
    const source = {
      ...comment('approved'),
      authorEmail: 'ayu@example.org',
      ip: '203.0.113.7',
      spamScore: 3,
      classifierP: 0.4375,
      sortPath: 'secret',
    } as PublicCommentSource;
    const sent = JSON.stringify(toLiveEvent(ARTICLE, event('comment.created', source)));
    for (const secret of ['ayu@example.org', '203.0.113.7', 'spamScore', 'classifierP', '0.4375', 'secret', 'sortPath']) expect(sent).not.toContain(secret);
  });
});
