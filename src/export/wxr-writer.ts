import type { CommentStatus } from '../threads/comment-status.js';
import type { ExportedArticle, ExportedComment, ExportedSite, ExportWriter } from './export-records.js';
import { cdataElement, element, xmlText } from './xml-text.js';

/** wp:comment_approved as WordPress reads it; a comment its author withdrew goes to WordPress's trash. */
const APPROVED: Record<CommentStatus, string> = { approved: '1', pending: '0', spam: 'spam', trash: 'trash', deleted: 'trash' };

const NAMESPACES = [
  'xmlns:excerpt="http://wordpress.org/export/1.2/excerpt/"',
  'xmlns:content="http://purl.org/rss/1.0/modules/content/"',
  'xmlns:wfw="http://wellformedweb.org/CommentAPI/"',
  'xmlns:dc="http://purl.org/dc/elements/1.1/"',
  'xmlns:wp="http://wordpress.org/export/1.2/"',
].join('\n\t');

/**
 * WordPress's export format (WXR 1.2, as Tools → Export writes it and its importer reads it): the
 * site is the channel, each article a published post whose link is the article's URL, each
 * comment a wp:comment answering the comment it replied to. Kolom's comments are plain text;
 * WordPress's are HTML shown through wpautop, so the text is written with `<` and `&` escaped and
 * its blank lines kept as paragraphs.
 */
export class WxrWriter implements ExportWriter {
  start(site: ExportedSite, exportedAt: Date): string {
    const home = site.origins[0] ?? '';
    return [
      '<?xml version="1.0" encoding="UTF-8" ?>',
      `<!-- Comments of the Kolom site "${xmlText(site.slug).replace(/--/g, '- -')}", exported ${exportedAt.toISOString()}: a WordPress eXtended RSS file -->`,
      `<rss version="2.0"\n\t${NAMESPACES}\n>`,
      '<channel>',
      `\t${element('title', site.name)}`,
      `\t${element('link', home)}`,
      `\t${element('description', `Comments exported from Kolom (${site.slug})`)}`,
      `\t${element('pubDate', exportedAt.toUTCString().replace('GMT', '+0000'))}`,
      `\t${element('wp:wxr_version', '1.2')}`,
      `\t${element('wp:base_site_url', home)}`,
      `\t${element('wp:base_blog_url', home)}`,
      `\t${element('generator', 'Kolom')}`,
      '',
    ].join('\n');
  }

  article(article: ExportedArticle): string {
    const date = wordpressDate(article.createdAt);
    return [
      '\t<item>',
      `\t\t${element('title', article.title ?? '')}`,
      `\t\t${element('link', article.url)}`,
      `\t\t${element('pubDate', article.createdAt.toUTCString().replace('GMT', '+0000'))}`,
      `\t\t${cdataElement('dc:creator', 'kolom')}`,
      `\t\t<guid isPermaLink="false">${xmlText(article.url)}</guid>`,
      '\t\t<description></description>',
      `\t\t${cdataElement('content:encoded', '')}`,
      `\t\t${cdataElement('excerpt:encoded', '')}`,
      `\t\t${element('wp:post_id', article.id)}`,
      `\t\t${cdataElement('wp:post_date', date)}`,
      `\t\t${cdataElement('wp:post_date_gmt', date)}`,
      `\t\t${cdataElement('wp:comment_status', article.open ? 'open' : 'closed')}`,
      `\t\t${cdataElement('wp:ping_status', 'closed')}`,
      `\t\t${cdataElement('wp:post_name', postName(article.url, article.id))}`,
      `\t\t${cdataElement('wp:status', 'publish')}`,
      `\t\t${element('wp:post_parent', 0)}`,
      `\t\t${element('wp:menu_order', 0)}`,
      `\t\t${cdataElement('wp:post_type', 'post')}`,
      `\t\t${cdataElement('wp:post_password', '')}`,
      `\t\t${element('wp:is_sticky', 0)}`,
      '',
    ].join('\n');
  }

  comment(comment: ExportedComment): string {
    const date = wordpressDate(comment.createdAt);
    return [
      '\t\t<wp:comment>',
      `\t\t\t${element('wp:comment_id', comment.id)}`,
      `\t\t\t${cdataElement('wp:comment_author', comment.authorName)}`,
      `\t\t\t${cdataElement('wp:comment_author_email', comment.authorEmail)}`,
      `\t\t\t${cdataElement('wp:comment_author_url', comment.authorWebsite ?? '')}`,
      `\t\t\t${cdataElement('wp:comment_author_IP', comment.ip ?? '')}`,
      // Kolom keeps no time zone of the site's: both dates are UTC.
      `\t\t\t${cdataElement('wp:comment_date', date)}`,
      `\t\t\t${cdataElement('wp:comment_date_gmt', date)}`,
      `\t\t\t${cdataElement('wp:comment_content', commentHtml(comment.body))}`,
      `\t\t\t${cdataElement('wp:comment_approved', APPROVED[comment.status])}`,
      `\t\t\t${cdataElement('wp:comment_type', 'comment')}`,
      `\t\t\t${element('wp:comment_parent', comment.replyToId ?? 0)}`,
      `\t\t\t${element('wp:comment_user_id', 0)}`,
      '\t\t</wp:comment>',
      '',
    ].join('\n');
  }

  endArticle(): string {
    return '\t</item>\n';
  }

  end(): string {
    return '</channel>\n</rss>\n';
  }
}

/** Kolom's plain text as WordPress stores a comment: markup characters escaped, line breaks and blank lines as typed. */
export function commentHtml(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;');
}

/** "2024-03-01 09:30:00" (UTC), as WordPress writes dates. */
export function wordpressDate(date: Date): string {
  return date.toISOString().replace('T', ' ').slice(0, 19);
}

/** A post slug from the article's last path segment, as WordPress would have named the post. */
function postName(url: string, id: number): string {
  const segment = new URL(url).pathname.split('/').filter(Boolean).at(-1) ?? '';
  const slug = decodeURIComponent(segment)
    .toLowerCase()
    .replace(/\.[a-z0-9]+$/, '')
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-|-$/g, '')
    .slice(0, 200);
  return slug || `article-${id}`;
}
