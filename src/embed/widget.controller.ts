import { Controller, Get, Header, Headers, NotFoundException, Param, Res } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import type { Response } from 'express';
import { loadWidgetBundle, widgetLoader } from './widget-bundle.js';

const JAVASCRIPT = 'application/javascript; charset=utf-8';

/** The embed script and the widget bundle it loads. */
@ApiExcludeController()
@Controller()
export class WidgetController {
  private readonly bundle = loadWidgetBundle();
  private readonly loader = widgetLoader(this.bundle.file);

  /** What sites paste: short-lived in caches, so a new release reaches pages within minutes. */
  @Get('embed.js')
  @Header('Content-Type', JAVASCRIPT)
  @Header('Cache-Control', 'public, max-age=300, stale-while-revalidate=86400')
  @Header('Cross-Origin-Resource-Policy', 'cross-origin')
  embed(): string {
    return this.loader;
  }

  /** Named by its content hash: it never changes, so browsers and proxies keep it for a year. */
  @Get('widget/:file')
  bundleFile(@Param('file') file: string, @Headers('accept-encoding') encoding: string | undefined, @Res() response: Response): void {
    if (file !== this.bundle.file) throw new NotFoundException('There is no such widget file: load /embed.js.');
    const gzip = /\bgzip\b/.test(encoding ?? '');
    response
      .status(200)
      .set({
        'Content-Type': JAVASCRIPT,
        'Cache-Control': 'public, max-age=31536000, immutable',
        'Cross-Origin-Resource-Policy': 'cross-origin',
        Vary: 'Accept-Encoding',
        ...(gzip ? { 'Content-Encoding': 'gzip' } : {}),
      })
      .end(gzip ? this.bundle.gzip : this.bundle.code);
  }
}
