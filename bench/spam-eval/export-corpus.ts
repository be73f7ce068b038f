/**
 * A site's own moderated comments, from a Kolom JSON export (`npm run kolom -- export --format json`,
 * its shape in src/export/json-writer.ts), as labelled comments: what the site's moderators (or the
 * pipeline, unchallenged) left approved is ham, what sits in spam is spam. Pending, trash and
 * withdrawn comments were never decided either way, and staff comments are never judged, so they are
 * left out. The file holds readers' text, names and emails: nothing here echoes them, not even in an
 * error message (JSON.parse's own messages quote the text around the fault).
 */
import { readFileSync } from 'node:fs';
import { JSON_EXPORT_VERSION } from '../../src/export/json-writer.js';
import { COMMENT_STATUSES, type CommentStatus } from '../../src/threads/comment-status.js';
import type { Label, LabelledComment } from './corpus.js';
import { UsageError } from './options.js';

/** What each status teaches: a label, or why it is left out (never decided either way). A new status must choose here. */
const READINGS: Record<CommentStatus, { label: Label } | { leftOut: string }> = {
  approved: { label: 'ham' },
  spam: { label: 'spam' },
  pending: { leftOut: 'pending' },
  trash: { leftOut: 'trash' },
  deleted: { leftOut: 'withdrawn by their authors' },
};
const LEFT_OUT = ['pending', 'trash', 'withdrawn by their authors', 'staff', 'with no text'];

export interface ExportCorpus {
  file: string;
  site: string;
  exportedAt: string;
  articles: number;
  comments: LabelledComment[];
  /** Comments in the file that are not measured, by why, in a fixed order; zeros included. */
  leftOut: Map<string, number>;
  /** Measured comments the file holds no email for: read as an empty email, so never a known author. */
  withoutEmail: number;
}

interface ExportedCommentFields {
  id: number;
  status: CommentStatus;
  body: string;
  authorName: string;
  authorEmail?: string | null;
  staff?: boolean;
}

export function loadExport(file: string): ExportCorpus {
  const document = parse(file);
  const leftOut = new Map(LEFT_OUT.map((why) => [why, 0]));
  const leave = (why: string) => leftOut.set(why, (leftOut.get(why) ?? 0) + 1);
  const comments: LabelledComment[] = [];
  const seen = new Set<number>();
  let withoutEmail = 0;
  for (const [a, article] of document.articles.entries()) {
    if (!isRecord(article) || !Array.isArray(article.comments)) throw notAnExport(file, `article ${a + 1} has no list of comments`);
    for (const [c, raw] of (article.comments as unknown[]).entries()) {
      const comment = checked(raw, `comment ${c + 1} of article ${a + 1}`, file);
      if (seen.has(comment.id)) throw notAnExport(file, `comment id ${comment.id} appears twice`);
      seen.add(comment.id);
      const reading = READINGS[comment.status];
      // A staff comment is posted past the spam checks: no moderator ever judged it.
      if (comment.staff === true) leave('staff');
      else if ('leftOut' in reading) leave(reading.leftOut);
      // Spam erased to a placeholder by housekeeping keeps its status and loses its text.
      else if (comment.body.trim() === '') leave('with no text');
      else {
        const email = typeof comment.authorEmail === 'string' ? comment.authorEmail : '';
        if (email === '') withoutEmail += 1;
        comments.push({
          body: comment.body,
          authorName: comment.authorName,
          authorEmail: email,
          key: `export/${comment.id}`,
          group: reading.label,
          label: reading.label,
        });
      }
    }
  }
  return {
    file,
    site: document.site,
    exportedAt: document.exportedAt,
    articles: document.articles.length,
    comments,
    leftOut,
    withoutEmail,
  };
}

function parse(file: string): { site: string; exportedAt: string; articles: unknown[] } {
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (error) {
    throw new UsageError(`cannot read ${file}: ${(error as NodeJS.ErrnoException).code === 'ENOENT' ? 'no such file' : (error as Error).message}`, false);
  }
  let document: unknown;
  try {
    document = JSON.parse(text);
  } catch (error) {
    // Only the position: the message itself may quote the text around it, which is readers' text.
    const position = /position (\d+)/.exec((error as Error).message)?.[1];
    throw new UsageError(`${file} is not valid JSON${position ? ` (the fault is at character ${position})` : ''}: not a Kolom JSON export`, false);
  }
  if (!isRecord(document) || !('kolom-export' in document)) {
    throw notAnExport(file, 'it has no "kolom-export" version; write one with npm run kolom -- export --site SLUG --format json');
  }
  if (document['kolom-export'] !== JSON_EXPORT_VERSION) {
    throw notAnExport(file, `its version is ${JSON.stringify(document['kolom-export']).slice(0, 20)}, this script reads version ${JSON_EXPORT_VERSION}`);
  }
  if (!Array.isArray(document.articles)) throw notAnExport(file, 'it has no list of articles');
  const site = isRecord(document.site) && typeof document.site.slug === 'string' ? document.site.slug : '?';
  const exportedAt = typeof document.exportedAt === 'string' ? document.exportedAt : '?';
  return { site, exportedAt, articles: document.articles };
}

function checked(raw: unknown, where: string, file: string): ExportedCommentFields {
  if (!isRecord(raw)) throw notAnExport(file, `${where} is not an object`);
  if (!Number.isInteger(raw.id)) throw notAnExport(file, `${where} has no whole-number id`);
  if (!COMMENT_STATUSES.includes(raw.status as CommentStatus)) throw notAnExport(file, `comment ${String(raw.id)} has an unknown status`);
  for (const field of ['body', 'authorName'] as const) {
    if (typeof raw[field] !== 'string') throw notAnExport(file, `comment ${String(raw.id)} has no ${field} text`);
  }
  if (raw.authorEmail !== undefined && raw.authorEmail !== null && typeof raw.authorEmail !== 'string') {
    throw notAnExport(file, `comment ${String(raw.id)} has an authorEmail that is not text`);
  }
  return raw as unknown as ExportedCommentFields;
}

const notAnExport = (file: string, why: string) => new UsageError(`${file} is not a Kolom JSON export: ${why}`, false);

const isRecord = (value: unknown): value is Record<string, unknown> => typeof value === 'object' && value !== null && !Array.isArray(value);

/**
 * A verdict's reason with none of the reader's words, for output a newsroom may paste into a
 * ticket: the classifier's telling tokens (words of the text) go, and any quoted word is masked.
 */
export function reasonWithoutText(reason: string): string {
  const withoutTokens = reason.startsWith('classifier: ') ? reason.replace(/ \(.*\)$/s, '') : reason;
  return withoutTokens.replace(/"[^"]*"/g, '"…"');
}
