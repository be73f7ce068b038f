import type { ExportedArticle, ExportedComment } from './export-records.js';
import { JsonWriter } from './json-writer.js';

const at = new Date('2024-05-06T21:10:00Z');
const site = { slug: 'courier', name: 'Courier', origins: ['https://news.example'] };
const article = (id: number): ExportedArticle => ({ id, url: `https://news.example/${id}`, title: null, open: true, premoderation: null, createdAt: at });
const comment = (id: number): Partial<ExportedComment> => ({ id, body: `Comment "${id}"\n`, status: 'approved', createdAt: at });

describe('the JSON writer', () => {
  it('writes one JSON document piece by piece: the version, the site, articles with their comments', () => {
    const writer = new JsonWriter();
    const pieces = [
      writer.start(site, at),
      writer.article(article(1)),
      writer.comment(comment(10) as ExportedComment),
      writer.comment(comment(11) as ExportedComment),
      writer.endArticle(),
      writer.article(article(2)),
      writer.endArticle(),
      writer.article(article(3)),
      writer.comment(comment(30) as ExportedComment),
      writer.endArticle(),
      writer.end(),
    ];
    const document = JSON.parse(pieces.join(''));
    expect(document).toEqual({
      'kolom-export': 1,
      exportedAt: '2024-05-06T21:10:00.000Z',
      site,
      articles: [
        { ...article(1), createdAt: at.toISOString(), comments: [comment(10), comment(11)].map((c) => ({ ...c, createdAt: at.toISOString() })) },
        { ...article(2), createdAt: at.toISOString(), comments: [] },
        { ...article(3), createdAt: at.toISOString(), comments: [{ ...comment(30), createdAt: at.toISOString() }] },
      ],
    });
  });

  it('writes a valid document for a site without articles', () => {
    const writer = new JsonWriter();
    expect(JSON.parse(writer.start(site, at) + writer.end()).articles).toEqual([]);
  });
});
