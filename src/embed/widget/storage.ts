/**
 * What the widget keeps in the reader's browser (localStorage of the news site's page, no cookies):
 * the form details when the reader ticks "Save my name…", and the edit tokens of the reader's own
 * comments, so a held comment stays visible to its author and can be edited after a reload.
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
/** An author's token is useful to show a held comment; after a week it is moderated or forgotten. */
const KEEP_OWN_MS = 7 * 86_400_000;

function read<T>(key: string): T | null {
  try {
    const raw = localStorage.getItem(key);
    return raw ? (JSON.parse(raw) as T) : null;
  } catch {
    return null;
  }
}

function write(key: string, value: unknown): void {
  try {
    if (value === null) localStorage.removeItem(key);
    else localStorage.setItem(key, JSON.stringify(value));
  } catch {
    // Storage full or blocked (private mode): the widget works without it.
  }
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
    write(OWN, (read<OwnComment[]>(OWN) ?? []).filter((c) => c.id !== id));
  },
};
