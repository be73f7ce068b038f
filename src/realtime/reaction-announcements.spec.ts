import { parseAnnouncement } from './commit-announcer.js';
import { parseReactionAnnouncement, reactionAnnouncements } from './reaction-announcements.js';

describe("the outbox channel's reaction announcements", () => {
  it('names the node, the article and the comments whose likes changed', () => {
    const [payload] = reactionAnnouncements('node-a', 7, [101, 102]);
    expect(payload).toBe('node-a likes 7 101,102');
    expect(parseReactionAnnouncement(payload)).toEqual({ nodeId: 'node-a', articleId: 7, commentIds: [101, 102] });
  });

  it('splits a long list so every notification stays under PostgreSQL’s 8,000 bytes', () => {
    const ids = Array.from({ length: 1000 }, (_, i) => Number.MAX_SAFE_INTEGER - i);
    const payloads = reactionAnnouncements('0f7c2b9e-6a55-4b8e-9d0e-3c1f2a4b5c6d', 7, ids);
    expect(payloads.length).toBeGreaterThan(1);
    for (const payload of payloads) expect(Buffer.byteLength(payload)).toBeLessThan(8_000);
    expect(payloads.flatMap((payload) => parseReactionAnnouncement(payload)!.commentIds)).toEqual(ids);
  });

  it('is never read as an outbox announcement, nor one of those as it', () => {
    const [payload] = reactionAnnouncements('node-a', 7, [101]);
    expect(parseAnnouncement(payload)).toBeNull();
    expect(parseReactionAnnouncement('node-a 7,8')).toBeNull();
  });
});
