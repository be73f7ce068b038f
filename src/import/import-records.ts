import type { CommentStatus } from '../threads/comment-status.js';

/** A post or thread of the export: the article its comments belong to. */
export interface ImportedArticle {
  kind: 'article';
  /** The export's own id for it, which comments refer to. */
  sourceId: string;
  /** The permalink as written in the file; null when the file gives none. */
  url: string | null;
  title: string | null;
  line: number;
}

/** One comment of the export, with its text still as the export wrote it. */
export interface ImportedComment {
  kind: 'comment';
  /** Unique within the export's format: WordPress comment ids, Disqus post ids. */
  sourceId: string;
  articleSourceId: string;
  /** The source id of the comment it answers; null at the top. */
  parentSourceId: string | null;
  authorName: string;
  authorEmail: string;
  authorUrl: string | null;
  ip: string | null;
  /** UTC; null when the export's date cannot be read. */
  date: Date | null;
  status: CommentStatus;
  /** WordPress's comment type: '' or 'comment' for comments, 'pingback', 'trackback'. */
  type: string;
  html: string;
  line: number;
}

/** What a reader could not make sense of, reported and counted; the rest of the file goes on. */
export interface ImportProblem {
  kind: 'problem';
  reason: string;
  /** The element's line, or the source id when that says more. */
  line: number;
  sourceId?: string;
}

export type ImportRecord = ImportedArticle | ImportedComment | ImportProblem;

/** A format's reader turns the text of an export, chunk by chunk, into records. */
export interface ExportReader {
  /** Feeds the next chunk; answers the records it completed. Throws on malformed XML. */
  write(chunk: string): ImportRecord[];
  /** The end of the file: throws if the XML is unfinished. */
  close(): ImportRecord[];
}

/** The file's root element is neither a WordPress export nor a Disqus one. */
export class UnknownFormatError extends Error {}

/** The file stops being well-formed XML: saxes's line and column say where. */
export class MalformedExportError extends Error {}
