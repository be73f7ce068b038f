/** PostgreSQL takes NOTIFY payloads under 8,000 bytes: at most this many ids (19 digits each) go in one. */
const IDS_PER_PAYLOAD = 300;

/**
 * What a node sends on the outbox channel when likes changed counts of an article's comments:
 * `<node id> likes <article id> <comment id>,<comment id>,…`, in as many notifications as it takes.
 * Outbox announcements (CommitAnnouncer) never contain a word, so neither is read as the other.
 */
export function reactionAnnouncements(nodeId: string, articleId: number, commentIds: number[]): string[] {
  const payloads: string[] = [];
  for (let i = 0; i < commentIds.length; i += IDS_PER_PAYLOAD) {
    payloads.push(`${nodeId} likes ${articleId} ${commentIds.slice(i, i + IDS_PER_PAYLOAD).join(',')}`);
  }
  return payloads;
}

export function parseReactionAnnouncement(payload: string | undefined): { nodeId: string; articleId: number; commentIds: number[] } | null {
  const match = /^(\S+) likes (\d+) (\d+(?:,\d+)*)$/.exec(payload ?? '');
  return match ? { nodeId: match[1], articleId: Number(match[2]), commentIds: match[3].split(',').map(Number) } : null;
}
