import { Controller, Get, Header, Query } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { ApiErrors } from '../http/api-errors.js';
import { ThreadQueryDto } from './dto/thread-query.dto.js';
import { ThreadPage } from './thread-page.js';
import { ThreadsService } from './threads.service.js';

@ApiTags('threads')
@Controller('api/v1/threads')
export class ThreadsController {
  constructor(private readonly threads: ThreadsService) {}

  @Get()
  @Header('Cache-Control', 'no-cache')
  @Header('Content-Type', 'application/json; charset=utf-8')
  @ApiOperation({ summary: "An article's thread", description: 'Finds or creates the article for the URL and returns a page of its approved comments.' })
  @ApiOkResponse({ type: ThreadPage })
  @ApiErrors(
    [400, 'A query value is malformed (site, url, limit, sort), or the cursor has expired: `fields` says which.'],
    [403, "The URL is not on one of the site's origins."],
    [404, 'There is no such site.'],
    503,
  )
  page(@Query() query: ThreadQueryDto): Promise<string> {
    return this.threads.pageJson(query);
  }
}
