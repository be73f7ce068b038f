import { fieldError } from './field-error.js';

/**
 * Page cursors: opaque to clients, and tagged with the listing and order they belong to, so a
 * cursor is never read in another one.
 */
export function encodeCursor(tag: string, id: number): string {
  return Buffer.from(`${tag}:${id}`).toString('base64url');
}

export function decodeCursor(cursor: string, tag: string): number {
  const match = /^([a-z-]+):(\d{1,19})$/.exec(Buffer.from(cursor, 'base64url').toString());
  if (!match || match[1] !== tag) throw fieldError('cursor', 'cursor is not one this server handed out for this list and order.');
  return Number(match[2]);
}

/** A place in a stored ranking (the `top` sort of a thread): which ranking, and the position after which the next page starts. */
export interface RankingPlace {
  rankingId: number;
  position: number;
}

export function encodeRankingCursor(tag: string, place: RankingPlace): string {
  return Buffer.from(`${tag}:${place.rankingId}.${place.position}`).toString('base64url');
}

export function decodeRankingCursor(cursor: string, tag: string): RankingPlace {
  const match = /^([a-z-]+):(\d{1,19})\.(\d{1,9})$/.exec(Buffer.from(cursor, 'base64url').toString());
  if (!match || match[1] !== tag) throw fieldError('cursor', 'cursor is not one this server handed out for this list and order.');
  return { rankingId: Number(match[2]), position: Number(match[3]) };
}

/** A listing reads one row past its page: that row's presence says another page follows, with no count. */
export function rowsToRead(limit: number): number {
  return limit + 1;
}

export interface CursorPage<T> {
  items: T[];
  nextCursor: string | null;
}

/** The page within `rowsToRead(limit)` rows; the next page starts after this one's last item. */
export function pageOf<T>(rows: T[], limit: number, tag: string, idOf: (item: T) => number): CursorPage<T> {
  const items = rows.slice(0, limit);
  return { items, nextCursor: rows.length > limit ? encodeCursor(tag, idOf(items[items.length - 1])) : null };
}
