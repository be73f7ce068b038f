import { Controller, Get, Header, Query, Req, Res } from '@nestjs/common';
import { ApiHeader, ApiOkResponse, ApiOperation, ApiTags, PickType } from '@nestjs/swagger';
import type { Request, Response } from 'express';
import { ApiErrors } from '../http/api-errors.js';
import { CachedThreadPages } from './cached-thread-pages.js';
import { ThreadQueryDto } from './dto/thread-query.dto.js';
import { answerThreadPage } from './thread-page-answer.js';
import { FormTokenAnswer, ThreadPage } from './thread-page.js';
import { ThreadsService } from './threads.service.js';

class FormTokenQueryDto extends PickType(ThreadQueryDto, ['site', 'url'] as const) {}

@ApiTags('threads')
@Controller('api/v1')
export class ThreadsController {
  constructor(
    private readonly threads: ThreadsService,
    private readonly cachedPages: CachedThreadPages,
  ) {}

  @Get('threads')
  @ApiOperation({
    summary: "An article's thread",
    description:
      "A page of the approved comments on the article at `url` (an article nobody has commented on yet is an empty thread). The same bytes for every reader: cacheable (Cache-Control, a strong ETag and 304 on If-None-Match, brotli or gzip when accepted, Surrogate-Key and Cache-Tag naming the site and article). The comment form's token is asked for separately (GET /api/v1/form-tokens).",
  })
  @ApiHeader({ name: 'If-None-Match', required: false, description: 'The ETag of an earlier answer: 304 while the page is unchanged.' })
  @ApiOkResponse({ type: ThreadPage })
  @ApiErrors(
    [400, 'A query value is malformed (site, url, limit, sort), or the cursor has expired: `fields` says which.'],
    [403, "The URL is not on one of the site's origins."],
    [404, 'There is no such site.'],
    503,
  )
  async page(@Query() query: ThreadQueryDto, @Req() request: Request, @Res() response: Response): Promise<void> {
    const { page, cacheKey } = await this.threads.page(query);
    if (cacheKey !== null) this.cachedPages.remember(request.originalUrl, cacheKey);
    await answerThreadPage(request, response, page, this.cachedPages.cacheControl);
  }

  @Get('form-tokens')
  @Header('Cache-Control', 'no-store')
  @ApiOperation({
    summary: 'A token for the comment form',
    description:
      "Asked for when a reader is about to write (the widget asks when its form comes into view), and sent back with the comment: the time-to-submit check counts from it. Never cached: each reader's is their own.",
  })
  @ApiOkResponse({ type: FormTokenAnswer })
  @ApiErrors(
    [400, 'site or url is missing or malformed: `fields` says which.'],
    [403, "The URL is not on one of the site's origins."],
    [404, 'There is no such site.'],
    503,
  )
  async formToken(@Query() query: FormTokenQueryDto): Promise<FormTokenAnswer> {
    return { formToken: await this.threads.formToken(query) };
  }
}
