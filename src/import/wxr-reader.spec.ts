import { UnknownFormatError } from './import-records.js';
import type { ImportRecord } from './import-records.js';
import { WxrReader } from './wxr-reader.js';

const head = '<?xml version="1.0"?>\n<rss version="2.0" xmlns:wp="http://wordpress.org/export/1.2/">\n<channel>\n';

function read(xml: string, chunkSize = xml.length): ImportRecord[] {
  const reader = new WxrReader();
  const records: ImportRecord[] = [];
  for (let i = 0; i < xml.length; i += chunkSize) records.push(...reader.write(xml.slice(i, i + chunkSize)));
  return [...records, ...reader.close()];
}

const item = `<item>
<title><![CDATA[A & B]]></title>
<link>https://news.example/a-b/</link>
<wp:post_id>7</wp:post_id>
<wp:comment>
<wp:comment_id>70</wp:comment_id>
<wp:comment_author><![CDATA[Ayu]]></wp:comment_author>
<wp:comment_author_email>ayu@example.org</wp:comment_author_email>
<wp:comment_author_url>https://ayu.example</wp:comment_author_url>
<wp:comment_author_IP>192.0.2.1</wp:comment_author_IP>
<wp:comment_date>2024-01-02 10:00:00</wp:comment_date>
<wp:comment_date_gmt>0000-00-00 00:00:00</wp:comment_date_gmt>
<wp:comment_content><![CDATA[Hi <b>there</b>]]></wp:comment_content>
<wp:comment_approved>0</wp:comment_approved>
<wp:comment_type></wp:comment_type>
<wp:comment_parent>69</wp:comment_parent>
<wp:commentmeta><wp:meta_key>k</wp:meta_key><wp:meta_value>v</wp:meta_value></wp:commentmeta>
</wp:comment>
</item>
`;

describe('WxrReader', () => {
  it('hands on an item as its article, then its comments, with the fields the importer needs', () => {
    const records = read(`${head}${item}</channel></rss>`);
    expect(records).toEqual([
      { kind: 'article', sourceId: '7', url: 'https://news.example/a-b/', title: 'A & B', line: 4 },
      {
        kind: 'comment',
        sourceId: '70',
        articleSourceId: '7',
        parentSourceId: '69',
        authorName: 'Ayu',
        authorEmail: 'ayu@example.org',
        authorUrl: 'https://ayu.example',
        ip: '192.0.2.1',
        // No GMT date: the local one is the best there is.
        date: new Date('2024-01-02T10:00:00Z'),
        status: 'pending',
        type: '',
        html: 'Hi <b>there</b>',
        line: 8,
      },
    ]);
  });

  it('reads the same records whatever the chunks the file arrives in', () => {
    const xml = `${head}${item}${item.replace(/<wp:post_id>7/, '<wp:post_id>8')}</channel></rss>`;
    expect(read(xml, 7)).toEqual(read(xml));
  });

  it('makes no article of an item without comments, and reports an unknown approval state', () => {
    const records = read(
      `${head}<item><title>Page</title><link>https://news.example/p</link><wp:post_id>1</wp:post_id></item>${item.replace('<wp:comment_approved>0', '<wp:comment_approved>maybe')}</channel></rss>`,
    );
    expect(records.map((r) => r.kind)).toEqual(['article', 'problem']);
    expect(records[1]).toMatchObject({ reason: 'unknown approval state "maybe"', sourceId: '70' });
  });

  it('refuses an RSS feed without the WordPress namespace, and says where XML breaks', () => {
    expect(() => read('<rss version="2.0"><channel></channel></rss>')).toThrow(UnknownFormatError);
    expect(() => read(`${head}<item>\n<title>x</titel>`)).toThrow(/^5:\d+: /);
  });
});
