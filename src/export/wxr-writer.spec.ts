import { SaxesParser } from 'saxes';
import { commentText } from '../import/comment-html.js';
import type { ImportRecord } from '../import/import-records.js';
import { WxrReader } from '../import/wxr-reader.js';
import type { ExportedArticle, ExportedComment } from './export-records.js';
import { WxrWriter } from './wxr-writer.js';

const at = new Date('2024-05-06T21:10:00Z');
const article: ExportedArticle = {
  id: 7,
  url: 'https://news.example/2024/05/election-night',
  title: 'Election night & after',
  open: false,
  premoderation: null,
  createdAt: at,
};

function comment(fields: Partial<ExportedComment>): ExportedComment {
  return {
    id: 70,
    parentId: null,
    replyToId: null,
    depth: 1,
    authorName: 'Ayu',
    authorEmail: 'ayu@example.org',
    authorWebsite: 'https://ayu.example',
    body: 'Hello.',
    status: 'approved',
    spamScore: null,
    spamReasons: [],
    classifierP: null,
    staff: false,
    ip: '192.0.2.1',
    userAgent: null,
    createdAt: at,
    updatedAt: at,
    editedAt: null,
    editedFrom: null,
    importKey: null,
    ...fields,
  };
}

function exportOf(comments: ExportedComment[]): string {
  const writer = new WxrWriter();
  return [
    writer.start({ slug: 'courier', name: 'The <Courier>', origins: ['https://news.example'] }, at),
    writer.article(article),
    ...comments.map((c) => writer.comment(c)),
    writer.endArticle(),
    writer.end(),
  ].join('');
}

function read(xml: string): ImportRecord[] {
  const reader = new WxrReader();
  return [...reader.write(xml), ...reader.close()];
}

describe('the WXR writer', () => {
  it("writes well-formed WXR 1.2 with WordPress's namespaces and the channel's title and link", () => {
    const xml = exportOf([comment({})]);
    const parser = new SaxesParser({ xmlns: true });
    const names: string[] = [];
    parser.on('opentag', (tag) => names.push(`${tag.uri} ${tag.local}`));
    parser.write(xml).close();
    expect(names.slice(0, 2)).toEqual([' rss', ' channel']);
    expect(names).toContain('http://wordpress.org/export/1.2/ wxr_version');
    for (const ns of ['xmlns:wp=', 'xmlns:content=', 'xmlns:dc=', 'xmlns:excerpt=', 'xmlns:wfw=']) expect(xml).toContain(ns);
    expect(xml).toContain('<wp:wxr_version>1.2</wp:wxr_version>');
    expect(xml).toContain('<title>The &lt;Courier&gt;</title>');
    expect(xml).toContain('<link>https://news.example</link>');
    expect(xml).toContain('<wp:comment_status><![CDATA[closed]]></wp:comment_status>');
    expect(xml).toContain('<wp:post_type><![CDATA[post]]></wp:post_type>');
    expect(xml).toContain('<wp:status><![CDATA[publish]]></wp:status>');
  });

  it("is read back by the import's WXR reader: article, author, dates, statuses, parents and text", () => {
    const body = 'Less < more & "quotes" ]]> inside.\n\nSecond paragraph\nwith a line break.';
    const records = read(
      exportOf([
        comment({ body }),
        comment({ id: 71, replyToId: 70, parentId: 70, depth: 2, status: 'pending', ip: null, authorWebsite: null }),
        comment({ id: 72, status: 'spam' }),
        comment({ id: 73, status: 'trash' }),
        comment({ id: 74, status: 'deleted' }),
      ]),
    );
    expect(records[0]).toMatchObject({ kind: 'article', sourceId: '7', url: article.url, title: 'Election night & after' });
    const comments = records.filter((r) => r.kind === 'comment');
    expect(comments.map((c) => [c.sourceId, c.parentSourceId, c.status])).toEqual([
      ['70', null, 'approved'],
      ['71', '70', 'pending'],
      ['72', null, 'spam'],
      ['73', null, 'trash'],
      ['74', null, 'trash'],
    ]);
    expect(comments[0]).toMatchObject({
      authorName: 'Ayu',
      authorEmail: 'ayu@example.org',
      authorUrl: 'https://ayu.example',
      ip: '192.0.2.1',
      date: at,
      type: 'comment',
    });
    expect(comments[1]).toMatchObject({ authorUrl: null, ip: null });
    expect(commentText(comments[0].html)).toBe(body);
  });

  it('writes dates as WordPress does, in UTC', () => {
    expect(exportOf([comment({})])).toContain('<wp:comment_date_gmt><![CDATA[2024-05-06 21:10:00]]></wp:comment_date_gmt>');
  });
});
