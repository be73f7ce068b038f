import type { CommentStatus } from '../threads/comment-status.js';
import type { ImportedArticle, ImportedComment } from './import-records.js';
import { unknownFormat, type XmlElement } from './xml-elements.js';
import { XmlRecordReader } from './xml-record-reader.js';

const WXR_NAMESPACE = /^http:\/\/wordpress\.org\/export\/\d/;

/** wp:comment_approved as WordPress writes it ('post-trashed': the comment of a post in the bin). */
const STATUSES: Record<string, CommentStatus> = { '1': 'approved', '0': 'pending', spam: 'spam', trash: 'trash', 'post-trashed': 'trash' };

/**
 * WordPress's WXR (1.0–1.2): each <item> is a post, its <wp:comment> children its comments. An item
 * is handed on whole at its end, article first, because WordPress writes the comments after the
 * post's fields but nothing in the format promises it. Items without comments (pages, attachments,
 * menu entries) make no article.
 */
export class WxrReader extends XmlRecordReader {
  private item: { fields: Record<string, string>; line: number; comments: Array<{ fields: Record<string, string>; line: number }> } | null = null;
  private comment: { fields: Record<string, string>; line: number } | null = null;

  protected onOpen(element: XmlElement): void {
    if (!this.rootSeen) {
      this.rootSeen = true;
      if (element.local !== 'rss' || !Object.values(element.declaredNamespaces).some((uri) => WXR_NAMESPACE.test(uri))) throw unknownFormat(element);
    }
    if (element.local === 'item' && element.ancestors.at(-1) === 'channel') this.item = { fields: {}, line: element.line, comments: [] };
    else if (this.item && element.local === 'comment' && WXR_NAMESPACE.test(element.uri)) this.comment = { fields: {}, line: element.line };
  }

  protected onClose(element: XmlElement, text: string): void {
    const parent = element.ancestors.at(-1);
    if (this.comment && parent === 'comment' && WXR_NAMESPACE.test(element.uri)) {
      this.comment.fields[element.local] = text;
    } else if (this.comment && element.local === 'comment' && WXR_NAMESPACE.test(element.uri)) {
      this.item!.comments.push(this.comment);
      this.comment = null;
    } else if (this.item && parent === 'item') {
      // <title>, <link> and the wp: fields; the first of a name wins (<category> repeats).
      this.item.fields[element.local] ??= text;
    } else if (this.item && element.local === 'item') {
      this.endItem(this.item);
      this.item = null;
    }
  }

  private endItem(item: NonNullable<WxrReader['item']>): void {
    if (item.comments.length === 0) return;
    const sourceId = item.fields.post_id?.trim() || `line-${item.line}`;
    const article: ImportedArticle = {
      kind: 'article',
      sourceId,
      url: item.fields.link?.trim() || null,
      title: item.fields.title?.trim() || null,
      line: item.line,
    };
    this.out.push(article);
    for (const { fields, line } of item.comments) {
      const id = fields.comment_id?.trim();
      const status = STATUSES[fields.comment_approved?.trim() ?? ''];
      if (!id) {
        this.out.push({ kind: 'problem', reason: 'comment without wp:comment_id', line });
        continue;
      }
      if (!status) {
        this.out.push({ kind: 'problem', reason: `unknown approval state "${fields.comment_approved ?? ''}"`, line, sourceId: id });
        continue;
      }
      const parent = fields.comment_parent?.trim();
      const comment: ImportedComment = {
        kind: 'comment',
        sourceId: id,
        articleSourceId: sourceId,
        parentSourceId: parent && parent !== '0' ? parent : null,
        authorName: fields.comment_author?.trim() ?? '',
        authorEmail: fields.comment_author_email?.trim() ?? '',
        authorUrl: fields.comment_author_url?.trim() || null,
        ip: fields.comment_author_IP?.trim() || null,
        date: wordpressDate(fields.comment_date_gmt) ?? wordpressDate(fields.comment_date),
        status,
        type: fields.comment_type?.trim() ?? '',
        html: fields.comment_content ?? '',
        line,
      };
      this.out.push(comment);
    }
  }
}

/** "2024-03-01 09:30:00", in UTC; WordPress writes zeros for a date it does not know. */
function wordpressDate(value: string | undefined): Date | null {
  const match = /^(\d{4})-(\d{2})-(\d{2}) (\d{2}):(\d{2}):(\d{2})$/.exec(value?.trim() ?? '');
  if (!match || match[1] === '0000') return null;
  const date = new Date(`${match[1]}-${match[2]}-${match[3]}T${match[4]}:${match[5]}:${match[6]}Z`);
  return Number.isNaN(date.getTime()) ? null : date;
}
