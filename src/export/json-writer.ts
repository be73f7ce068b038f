import type { ExportedArticle, ExportedComment, ExportedSite, ExportWriter } from './export-records.js';

/** The version of the JSON export's shape; it changes only when a field changes meaning or goes away. */
export const JSON_EXPORT_VERSION = 1;

/**
 * Kolom's own export: one JSON document, written piece by piece as rows are read —
 * `{"kolom-export": 1, "exportedAt", "site", "articles": [{…article, "comments": [{…}, …]}, …]}`.
 * Comments are listed flat per article, oldest first, with parentId/replyToId/depth for the tree,
 * and carry every field moderators see, private ones (email, IP, user agent) included.
 */
export class JsonWriter implements ExportWriter {
  private articles = 0;
  private comments = 0;

  start(site: ExportedSite, exportedAt: Date): string {
    const head = JSON.stringify({ 'kolom-export': JSON_EXPORT_VERSION, exportedAt, site });
    return `${head.slice(0, -1)},"articles":[`;
  }

  article(article: ExportedArticle): string {
    this.comments = 0;
    const fields = JSON.stringify(article);
    return `${this.articles++ > 0 ? ',' : ''}\n${fields.slice(0, -1)},"comments":[`;
  }

  comment(comment: ExportedComment): string {
    return `${this.comments++ > 0 ? ',' : ''}\n${JSON.stringify(comment)}`;
  }

  endArticle(): string {
    return ']}';
  }

  end(): string {
    return '\n]}\n';
  }
}
