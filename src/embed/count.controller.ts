import { Controller, Get, Headers, Res } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import type { Response } from 'express';
import { loadBundle, sendBundleFile } from './bundles.js';

/** Like /embed.js: short-lived in caches, so a new release reaches homepages within minutes. */
const COUNT_SCRIPT_CACHE_CONTROL = 'public, max-age=300, stale-while-revalidate=86400';

/**
 * count.js, the comment counts for a homepage's article lists (src/embed/count). Served as itself,
 * not through a loader as the widget is: it is smaller than a loader's second request would cost.
 */
@ApiExcludeController()
@Controller()
export class CountScriptController {
  private readonly bundle = loadBundle('count');

  @Get('count.js')
  script(@Headers('accept-encoding') encoding: string | undefined, @Res() response: Response): void {
    sendBundleFile(this.bundle, this.bundle.script.file, encoding, response, true, COUNT_SCRIPT_CACHE_CONTROL);
  }
}
