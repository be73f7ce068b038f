import { Controller, Get, Header, Headers, NotFoundException, Param, Res } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import type { Response } from 'express';
import { loadBundle, sendBundleFile, widgetLoader } from './bundles.js';

/** The embed script and the widget bundle it loads. */
@ApiExcludeController()
@Controller()
export class WidgetController {
  private readonly bundle = loadBundle('widget');
  private readonly loader = widgetLoader(this.bundle.script.file);

  /** What sites paste: short-lived in caches, so a new release reaches pages within minutes. */
  @Get('embed.js')
  @Header('Content-Type', 'application/javascript; charset=utf-8')
  @Header('Cache-Control', 'public, max-age=300, stale-while-revalidate=86400')
  @Header('Cross-Origin-Resource-Policy', 'cross-origin')
  embed(): string {
    return this.loader;
  }

  /** Named by its content hash: it never changes, so browsers and proxies keep it for a year. */
  @Get('widget/:file')
  bundleFile(@Param('file') file: string, @Headers('accept-encoding') encoding: string | undefined, @Res() response: Response): void {
    if (!sendBundleFile(this.bundle, file, encoding, response, true)) throw new NotFoundException('There is no such widget file: load /embed.js.');
  }
}
