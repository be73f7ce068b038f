import { Controller, Get, Header } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import { DEMO_SLUG } from '../sites/demo-site.service.js';
import { demoArticlePage } from './demo-article.js';

/**
 * The demo article runs only Kolom's own script (the loader, then the widget bundle, both from this
 * origin) and talks only to this origin. Styles may be inline: the page's own <style> and the one
 * the widget puts in its shadow root.
 */
const DEMO_PAGE_POLICY = [
  "default-src 'none'",
  "script-src 'self'",
  "style-src 'self' 'unsafe-inline'",
  "img-src 'self' data:",
  "connect-src 'self'",
  "base-uri 'none'",
  "form-action 'self'",
  "frame-ancestors 'none'",
].join('; ');

@ApiExcludeController()
@Controller()
export class DemoController {
  private readonly page = demoArticlePage(DEMO_SLUG);

  @Get()
  @Header('Content-Type', 'text/html; charset=utf-8')
  @Header('Content-Security-Policy', DEMO_PAGE_POLICY)
  home(): string {
    return this.page;
  }

  /** The story also lives at its own article URL, as on a real news site. */
  @Get('news/:slug')
  @Header('Content-Type', 'text/html; charset=utf-8')
  @Header('Content-Security-Policy', DEMO_PAGE_POLICY)
  article(): string {
    return this.page;
  }
}
