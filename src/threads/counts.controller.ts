import { createHash } from 'node:crypto';
import { Controller, Get, Query, Req, Res } from '@nestjs/common';
import { ApiHeader, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { ApiErrors } from '../http/api-errors.js';
import type { Request, Response } from 'express';
import { CountsAnswer } from './counts-answer.js';
import { CountsQueryDto, MAX_COUNT_URLS } from './dto/counts-query.dto.js';
import { CountsService } from './counts.service.js';

/**
 * Counts are the same for every reader and move only when a comment does: a CDN or the browser may
 * keep them for half a minute, and serve a stale one for another minute while it asks again.
 * Pages that want them to the second follow them live (count.js's data-live).
 */
export const COUNTS_CACHE_CONTROL = 'public, max-age=30, stale-while-revalidate=60';

@ApiTags('threads')
@Controller('api/v1/counts')
export class CountsController {
  constructor(private readonly counts: CountsService) {}

  @Get()
  @ApiOperation({
    summary: 'Comment counts for a list of articles',
    description: `Approved comments per article URL (up to ${MAX_COUNT_URLS}), for a homepage's article list: what count.js asks. Cacheable (Cache-Control, ETag and 304 on If-None-Match). Never creates an article.`,
  })
  @ApiHeader({ name: 'If-None-Match', required: false, description: 'The ETag of an earlier answer: 304 when the counts are unchanged.' })
  @ApiOkResponse({ type: CountsAnswer })
  @ApiErrors([400, `No url, more than ${MAX_COUNT_URLS}, or a malformed parameter.`], [404, 'There is no such site.'], 503)
  async list(@Query() query: CountsQueryDto, @Req() request: Request, @Res() response: Response): Promise<void> {
    const json = await this.counts.countsJson(query.site, query.url);
    // Hashing a few KB is cheap, and a 304 saves the reader's phone the body.
    const etag = `"${createHash('sha256').update(json).digest('base64url').slice(0, 27)}"`;
    response.set({ 'Cache-Control': COUNTS_CACHE_CONTROL, ETag: etag });
    if (request.fresh) {
      response.status(304).end();
      return;
    }
    response.status(200).type('application/json; charset=utf-8').send(json);
  }
}
