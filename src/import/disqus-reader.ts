import type { CommentStatus } from '../threads/comment-status.js';
import { unknownFormat, type XmlElement } from './xml-elements.js';
import { XmlRecordReader } from './xml-record-reader.js';

interface Open {
  id: string | undefined;
  line: number;
  fields: Record<string, string>;
  /** dsq:id attributes of <thread> and <parent>. */
  refs: Record<string, string>;
}

/**
 * Disqus's export (Admin → Export): <thread> elements are the pages, <post> elements the comments,
 * each pointing at its thread and parent by their dsq:id. Both are direct children of <disqus>;
 * threads come first in Disqus's files, and a post naming an unknown thread is the importer's to report.
 */
export class DisqusReader extends XmlRecordReader {
  private current: (Open & { kind: 'thread' | 'post' }) | null = null;

  protected onOpen(element: XmlElement): void {
    if (!this.rootSeen) {
      this.rootSeen = true;
      if (element.local !== 'disqus') throw unknownFormat(element);
      return;
    }
    const depth = element.ancestors.length;
    if (depth === 1 && (element.local === 'thread' || element.local === 'post')) {
      this.current = { kind: element.local, id: element.attributes.id, line: element.line, fields: {}, refs: {} };
    } else if (this.current && depth === 2 && (element.local === 'thread' || element.local === 'parent') && element.attributes.id) {
      this.current.refs[element.local] = element.attributes.id;
    }
  }

  protected onClose(element: XmlElement, text: string): void {
    const current = this.current;
    if (!current) return;
    const depth = element.ancestors.length;
    if (depth === 2) current.fields[element.local] ??= text;
    // The author's <name> and <email> sit one level down.
    else if (depth === 3 && element.ancestors[2] === 'author') current.fields[`author.${element.local}`] = text;
    else if (depth === 1) {
      this.current = null;
      if (!current.id) this.out.push({ kind: 'problem', reason: `<${current.kind}> without dsq:id`, line: current.line });
      else if (current.kind === 'thread') this.endThread(current as Open & { id: string });
      else this.endPost(current as Open & { id: string });
    }
  }

  private endThread(thread: Open & { id: string }): void {
    this.out.push({
      kind: 'article',
      sourceId: thread.id,
      url: thread.fields.link?.trim() || null,
      title: thread.fields.title?.trim() || null,
      line: thread.line,
    });
  }

  private endPost(post: Open & { id: string }): void {
    if (!post.refs.thread) {
      this.out.push({ kind: 'problem', reason: 'post without a thread', line: post.line, sourceId: post.id });
      return;
    }
    const status: CommentStatus = isTrue(post.fields.isSpam)
      ? 'spam'
      : isTrue(post.fields.isDeleted)
        ? 'trash'
        : post.fields.isApproved?.trim() === 'false'
          ? 'pending'
          : 'approved';
    const created = post.fields.createdAt?.trim();
    const date = created ? new Date(created) : null;
    this.out.push({
      kind: 'comment',
      sourceId: post.id,
      articleSourceId: post.refs.thread,
      parentSourceId: post.refs.parent ?? null,
      authorName: post.fields['author.name']?.trim() ?? '',
      authorEmail: post.fields['author.email']?.trim() ?? '',
      authorUrl: null,
      ip: post.fields.ipAddress?.trim() || null,
      date: date && !Number.isNaN(date.getTime()) ? date : null,
      status,
      type: '',
      html: post.fields.message ?? '',
      line: post.line,
    });
  }
}

function isTrue(value: string | undefined): boolean {
  return value?.trim() === 'true';
}
