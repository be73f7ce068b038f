import { createWriteStream } from 'node:fs';
import { once } from 'node:events';

export interface GeneratedWxr {
  comments: number;
  posts: number;
}

/**
 * Writes a WordPress export of `comments` comments spread over posts of 100 each, on
 * `origin`, a third of them replies (some nested past Kolom's default depth), every twentieth held and
 * every fiftieth spam. Written as a stream, as a real export is big.
 */
export async function writeGeneratedWxr(file: string, comments: number, origin = 'https://news.example'): Promise<GeneratedWxr> {
  const out = createWriteStream(file, { encoding: 'utf8' });
  const write = async (text: string) => {
    if (!out.write(text)) await once(out, 'drain');
  };
  await write(
    `<?xml version="1.0" encoding="UTF-8" ?>\n<rss version="2.0" xmlns:wp="http://wordpress.org/export/1.2/" xmlns:content="http://purl.org/rss/1.0/modules/content/">\n<channel>\n<title>Generated</title>\n`,
  );
  const perPost = 100;
  const posts = Math.ceil(comments / perPost);
  let id = 0;
  const start = Date.UTC(2015, 0, 1);
  for (let post = 1; post <= posts; post++) {
    await write(
      `<item>\n<title><![CDATA[Story number ${post}]]></title>\n<link>${origin}/${2015 + (post % 10)}/story-${post}/</link>\n<wp:post_id>${post}</wp:post_id>\n`,
    );
    const first = id + 1;
    for (let n = 0; n < perPost && id < comments; n++) {
      id += 1;
      // A reply to the comment before it on every third: chains run deeper than the max depth.
      const parent = n % 3 === 0 || id === first ? 0 : id - 1;
      const approval = id % 50 === 0 ? 'spam' : id % 20 === 0 ? '0' : '1';
      const date = new Date(start + id * 60_000).toISOString().replace('T', ' ').slice(0, 19);
      await write(
        `<wp:comment>\n<wp:comment_id>${id}</wp:comment_id>\n<wp:comment_author><![CDATA[Reader ${id % 997}]]></wp:comment_author>\n` +
          `<wp:comment_author_email><![CDATA[reader${id % 997}@example.org]]></wp:comment_author_email>\n<wp:comment_author_url></wp:comment_author_url>\n` +
          `<wp:comment_author_IP><![CDATA[192.0.2.${id % 250}]]></wp:comment_author_IP>\n<wp:comment_date><![CDATA[${date}]]></wp:comment_date>\n` +
          `<wp:comment_date_gmt><![CDATA[${date}]]></wp:comment_date_gmt>\n` +
          `<wp:comment_content><![CDATA[<p>Comment ${id} on story ${post}: the council&#8217;s plan for the <a href="https://example.org/${id}">new bridge</a> is ${id % 2 ? 'sound' : 'too costly'}.</p>\n<p>Second paragraph of comment ${id}.</p>]]></wp:comment_content>\n` +
          `<wp:comment_approved><![CDATA[${approval}]]></wp:comment_approved>\n<wp:comment_type><![CDATA[comment]]></wp:comment_type>\n` +
          `<wp:comment_parent>${parent}</wp:comment_parent>\n<wp:comment_user_id>0</wp:comment_user_id>\n</wp:comment>\n`,
      );
    }
    await write(`</item>\n`);
  }
  await write(`</channel>\n</rss>\n`);
  out.end();
  await once(out, 'finish');
  return { comments, posts };
}
