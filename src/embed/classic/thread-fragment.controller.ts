import { Controller, Get, Inject, Query, Res } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import type { Response } from 'express';
import { KOLOM_CONFIG } from '../../config/config.module.js';
import type { KolomConfig } from '../../config/config.js';
import { SitesService } from '../../sites/sites.service.js';
import type { ThreadPage } from '../../threads/thread-answers.js';
import { ThreadsService } from '../../threads/threads.service.js';
import { catalogueFor } from '../widget/i18n/index.js';
import { ThreadFragmentQueryDto } from './thread-fragment-query.dto.js';
import { threadFragment } from './thread-fragment.js';

/**
 * The thread for pages read without JavaScript: included by the site's server, or framed. Framed,
 * nothing may run in it (no script is ever served in it) and only the site's own pages may frame it.
 */
function fragmentPolicy(siteOrigins: string[], kolomUrl: string): string {
  return [
    "default-src 'none'",
    "style-src 'unsafe-inline'",
    "base-uri 'none'",
    `form-action ${new URL(kolomUrl).origin}`,
    `frame-ancestors ${siteOrigins.length > 0 ? siteOrigins.join(' ') : "'none'"}`,
  ].join('; ');
}

@ApiExcludeController()
@Controller('embed')
export class ThreadFragmentController {
  constructor(
    private readonly threads: ThreadsService,
    private readonly sites: SitesService,
    @Inject(KOLOM_CONFIG) private readonly config: KolomConfig,
  ) {}

  /** The same page, the same checks and the same cache as GET /api/v1/threads, as HTML. */
  @Get('thread')
  async fragment(@Query() query: ThreadFragmentQueryDto, @Res({ passthrough: true }) response: Response): Promise<string> {
    const { page: served } = await this.threads.page(query);
    const site = await this.sites.getBySlug(query.site);
    const page = JSON.parse(served.body.toString()) as ThreadPage;
    const { lang, t } = catalogueFor(query.lang);
    const kolomUrl = this.config.publicUrl;
    response.set({
      'Content-Type': 'text/html; charset=utf-8',
      'Cache-Control': 'no-cache',
      'Content-Security-Policy': fragmentPolicy(site.allowedOrigins, kolomUrl),
      'Cross-Origin-Resource-Policy': 'cross-origin',
    });
    return threadFragment(page, { kolomUrl, site: site.slug, sort: query.sort, lang, t, replyTo: query.replytocom });
  }
}
