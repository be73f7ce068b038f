import { BadRequestException, Injectable } from '@nestjs/common';
import { ArticlesService } from '../articles/articles.service.js';
import { SitesService } from '../sites/sites.service.js';
import { CommentsRepository } from './comments.repository.js';
import type { ThreadQueryDto, ThreadSort } from './dto/thread-query.dto.js';
import { FormTokens } from './form-tokens.js';
import { assembleThread, missingAncestorIds } from './thread-assembler.js';
import type { ThreadPage } from './thread-page.js';

@Injectable()
export class ThreadsService {
  constructor(
    private readonly sites: SitesService,
    private readonly articles: ArticlesService,
    private readonly comments: CommentsRepository,
    private readonly formTokens: FormTokens,
  ) {}

  /** A page of the article's thread: top-level comments in the asked order, replies nested under them. */
  async page(query: ThreadQueryDto): Promise<ThreadPage> {
    const site = await this.sites.getBySlug(query.site);
    const article = await this.articles.findOrCreate(site, query.url, query.title);
    const afterId = query.cursor ? decodeCursor(query.cursor, query.sort) : null;

    // One extra row tells whether another page follows.
    const [rows, total] = await Promise.all([
      this.comments.pageOfRoots(article.id, query.sort, afterId, query.limit + 1),
      this.comments.countApproved(article.id),
    ]);
    const roots = rows.slice(0, query.limit);
    const rootIds = new Set(roots.map((r) => r.id));
    const replies = await this.comments.approvedReplies([...rootIds]);
    const placeholders = await this.comments.byIds(missingAncestorIds(replies, rootIds));
    const tree = [...replies, ...placeholders].sort((a, b) => (a.sortPath < b.sortPath ? -1 : 1));

    return {
      article: { id: article.id, url: article.url, title: article.title },
      total,
      open: this.articles.isOpen(article, site),
      maxDepth: site.effectiveSettings.maxDepth,
      comments: assembleThread(roots, tree),
      nextCursor: rows.length > query.limit ? encodeCursor(roots[roots.length - 1].id, query.sort) : null,
      formToken: this.formTokens.issue(site.id, article.id),
    };
  }
}

/** Opaque to clients; says which order it belongs to so a cursor is never read in the other one. */
function encodeCursor(id: number, sort: ThreadSort): string {
  return Buffer.from(`${sort === 'oldest' ? 'o' : 'n'}${id}`).toString('base64url');
}

function decodeCursor(cursor: string, sort: ThreadSort): number {
  const match = /^([on])(\d{1,19})$/.exec(Buffer.from(cursor, 'base64url').toString());
  if (!match || match[1] !== (sort === 'oldest' ? 'o' : 'n')) {
    const message = 'cursor is not one this server handed out for this sort order.';
    throw new BadRequestException({ statusCode: 400, error: 'Bad Request', message: [message], fields: { cursor: message } });
  }
  return Number(match[2]);
}
