import { DisqusReader } from './disqus-reader.js';
import type { ImportRecord } from './import-records.js';
import { UnknownFormatError } from './import-records.js';

function read(xml: string): ImportRecord[] {
  const reader = new DisqusReader();
  return [...reader.write(xml), ...reader.close()];
}

const xml = `<?xml version="1.0" encoding="utf-8"?>
<disqus xmlns="http://disqus.com" xmlns:dsq="http://disqus.com/disqus-internals">
  <category dsq:id="1"><forum>f</forum><title>General</title></category>
  <thread dsq:id="10">
    <id>story</id>
    <link>https://news.example/story</link>
    <title>The story</title>
    <author><name>Editor</name></author>
  </thread>
  <post dsq:id="100">
    <message><![CDATA[<p>Hello</p>]]></message>
    <createdAt>2024-01-02T10:00:00Z</createdAt>
    <isDeleted>false</isDeleted>
    <isSpam>true</isSpam>
    <author><email>ayu@example.org</email><name>Ayu</name></author>
    <ipAddress>192.0.2.1</ipAddress>
    <thread dsq:id="10" />
    <parent dsq:id="99" />
  </post>
  <post dsq:id="101">
    <message>x</message>
    <createdAt>2024-01-02T11:00:00Z</createdAt>
    <isDeleted>true</isDeleted>
    <isSpam>false</isSpam>
    <author><name>Anon</name></author>
  </post>
</disqus>`;

describe('DisqusReader', () => {
  it('reads threads as articles (not the thread author) and posts as comments with their thread, parent and author', () => {
    const records = read(xml);
    expect(records[0]).toEqual({ kind: 'article', sourceId: '10', url: 'https://news.example/story', title: 'The story', line: 4 });
    expect(records[1]).toEqual({
      kind: 'comment',
      sourceId: '100',
      articleSourceId: '10',
      parentSourceId: '99',
      authorName: 'Ayu',
      authorEmail: 'ayu@example.org',
      authorUrl: null,
      ip: '192.0.2.1',
      date: new Date('2024-01-02T10:00:00Z'),
      status: 'spam',
      type: '',
      html: '<p>Hello</p>',
      line: 10,
    });
  });

  it('reports a post without a thread by its id', () => {
    expect(read(xml)[2]).toEqual({ kind: 'problem', reason: 'post without a thread', line: 20, sourceId: '101' });
  });

  it('refuses another root element', () => {
    expect(() => read('<rss xmlns:wp="http://wordpress.org/export/1.2/"></rss>')).toThrow(UnknownFormatError);
  });
});
