import { Controller, Get, Param, Query, Res } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiProduces } from '@nestjs/swagger';
import { ApiErrors } from '../../http/api-errors.js';
import type { Response } from 'express';
import { MODERATION_ROUTES, ModerationApi } from '../moderation-api.js';
import type { ModeratorIdentity } from '../accounts/moderator-identity.js';
import { AdminsOnly, CurrentModerator } from '../accounts/moderator.guard.js';
import { SiteExportQueryDto } from './dto/site-export-query.dto.js';
import { SiteExportService } from './site-export.service.js';

@ModerationApi()
@Controller(`${MODERATION_ROUTES}/sites`)
export class SiteExportController {
  constructor(private readonly exports: SiteExportService) {}

  @Get(':slug/export')
  @AdminsOnly()
  @ApiProduces('application/rss+xml', 'application/json')
  @ApiOperation({ summary: "Download a site's comments (or one article's) as WordPress WXR or Kolom's JSON (admins; holds emails and IPs)" })
  @ApiOkResponse({ schema: { type: 'string', format: 'binary' }, description: 'The file, as an attachment: WXR (application/rss+xml) or JSON.' })
  @ApiErrors([400, 'format is not wxr or json, or the article URL is malformed.'], [404, 'There is no such site, or no such article on it.'])
  async download(
    @CurrentModerator() admin: ModeratorIdentity,
    @Param('slug') slug: string,
    @Query() query: SiteExportQueryDto,
    @Res() response: Response,
  ): Promise<void> {
    const planned = await this.exports.plan(admin, slug, query.format, query.article);
    response.status(200);
    response.setHeader('Content-Type', planned.contentType);
    response.setHeader('Content-Disposition', `attachment; filename="${planned.filename}"`);
    response.setHeader('Cache-Control', 'private, no-store');
    try {
      await this.exports.write(admin, planned, response);
      response.end();
    } catch (error) {
      // The status line is gone: a cut-off body is the only way left to say the download failed.
      response.destroy(error instanceof Error ? error : undefined);
    }
  }
}
