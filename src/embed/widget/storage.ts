import { readStored, writeStored } from '../../browser/storage.js';
import { THREAD_SORTS, type ThreadSort } from './types.js';

/**
 * What the widget keeps in the reader's browser (localStorage of the news site's page, no cookies):
 * the form details when the reader ticks "Save my name…", and the edit tokens of the reader's own
 * comments, so a held comment stays visible to its author and can be edited after a reload; and,
 * once the reader has confirmed an email address, the reader token that vouches for it; and the
 * comments this browser reported, so they stay thanked after a reload.
 */
export interface SavedDetails {
  name: string;
  email: string;
  website: string;
}

export interface OwnComment {
  id: number;
  editToken: string;
  editableUntil: string;
  articleId: number;
}

const DETAILS = 'kolom:details';
const OWN = 'kolom:own';
const LIKED = 'kolom:liked';
const SORT = 'kolom:sort';
/** Likes remembered: the newest ones, which are the ones on the pages a reader opens again. */
const KEEP_LIKES = 1000;
/** Per Kolom site: one news origin may embed several sites, and a token is valid for its own only. */
const REPORTED = 'kolom:reported';
/** The most recent reports are the ones still on open pages; older ids are let go. */
const KEEP_REPORTED = 500;
const READER = (site: string) => `kolom:reader:${site}`;
/** An author's token is useful to show a held comment; after a week it is moderated or forgotten. */
const KEEP_OWN_MS = 7 * 86_400_000;

/** Parsed once per key (a thread asks for every comment it draws); another tab's writes refresh it. */
const memory = new Map<string, unknown>();
addEventListener('storage', (event) => (event.key === null ? memory.clear() : memory.delete(event.key)));

function read<T>(key: string): T | null {
  if (memory.has(key)) return memory.get(key) as T | null;
  let value: T | null = null;
  const raw = readStored('localStorage', key);
  try {
    value = raw ? (JSON.parse(raw) as T) : null;
  } catch {
    // A value that is not ours: as if empty.
  }
  memory.set(key, value);
  return value;
}

function write(key: string, value: unknown): void {
  memory.set(key, value);
  writeStored('localStorage', key, value === null ? null : JSON.stringify(value));
}

export const savedDetails = {
  get: (): SavedDetails | null => read<SavedDetails>(DETAILS),
  set: (details: SavedDetails | null): void => write(DETAILS, details),
};

export const ownComments = {
  all(articleId: number): OwnComment[] {
    const now = Date.now();
    return (read<OwnComment[]>(OWN) ?? []).filter((c) => c.articleId === articleId && Date.parse(c.editableUntil) + KEEP_OWN_MS > now);
  },
  find(id: number): OwnComment | undefined {
    return (read<OwnComment[]>(OWN) ?? []).find((c) => c.id === id);
  },
  add(comment: OwnComment): void {
    const now = Date.now();
    const kept = (read<OwnComment[]>(OWN) ?? []).filter((c) => c.id !== comment.id && Date.parse(c.editableUntil) + KEEP_OWN_MS > now);
    write(OWN, [...kept, comment].slice(-200));
  },
  forget(id: number): void {
    write(
      OWN,
      (read<OwnComment[]>(OWN) ?? []).filter((c) => c.id !== id),
    );
  },
};

/**
 * Comments this browser liked, so their button shows pressed after a reload (the server keeps a
 * hash of the reader's network, and says nothing of it back).
 */
export const likedComments = {
  has: (id: number): boolean => (read<number[]>(LIKED) ?? []).includes(id),
  set(id: number, liked: boolean): void {
    const kept = (read<number[]>(LIKED) ?? []).filter((liked) => liked !== id);
    write(LIKED, liked ? [...kept, id].slice(-KEEP_LIKES) : kept);
  },
};

/** The order the reader last chose for threads (Oldest, Newest, Top), on every article of the site. */
export const sortChoice = {
  get: (): ThreadSort | null => {
    const sort = read<string>(SORT);
    return THREAD_SORTS.find((known) => known === sort) ?? null;
  },
  set: (sort: ThreadSort): void => write(SORT, sort),
};

/** The token Kolom gives a reader who confirmed their address: later posts from this site carry it. */
export const readerTokens = {
  get: (site: string): string | null => read<string>(READER(site)),
  set: (site: string, token: string): void => write(READER(site), token),
};

/** Comment ids this browser reported (ids are Kolom's, unique across its sites). */
export const reportedComments = {
  has: (id: number): boolean => (read<number[]>(REPORTED) ?? []).includes(id),
  add(id: number): void {
    const kept = (read<number[]>(REPORTED) ?? []).filter((reported) => reported !== id);
    write(REPORTED, [...kept, id].slice(-KEEP_REPORTED));
  },
};
