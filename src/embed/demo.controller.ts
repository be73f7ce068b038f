import { Controller, Get, Header, Inject, NotFoundException, Res } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import type { Response } from 'express';
import type { KolomConfig } from '../config/config.js';
import { KOLOM_CONFIG } from '../config/config.module.js';
import { DEMO_SLUG } from '../sites/demo-site.service.js';
import { demoArticlePage } from './demo-article.js';
import { homePage } from './home-page.js';

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

/** The plain home page has no script and no form at all. */
const HOME_PAGE_POLICY = ["default-src 'none'", "style-src 'unsafe-inline'", "base-uri 'none'", "form-action 'none'", "frame-ancestors 'none'"].join('; ');

/** `/`: the demo article when the demo is on (KolomConfig.demo), else a plain page saying what this host is. */
@ApiExcludeController()
@Controller()
export class DemoController {
  private readonly page: string;

  constructor(@Inject(KOLOM_CONFIG) private readonly config: KolomConfig) {
    this.page = config.demo ? demoArticlePage(DEMO_SLUG) : homePage(config.publicUrl);
  }

  @Get()
  @Header('Content-Type', 'text/html; charset=utf-8')
  home(@Res({ passthrough: true }) response: Response): string {
    response.setHeader('Content-Security-Policy', this.config.demo ? DEMO_PAGE_POLICY : HOME_PAGE_POLICY);
    return this.page;
  }

  /** The story also lives at its own article URL, as on a real news site. */
  @Get('news/:slug')
  @Header('Content-Type', 'text/html; charset=utf-8')
  @Header('Content-Security-Policy', DEMO_PAGE_POLICY)
  article(): string {
    if (!this.config.demo) throw new NotFoundException();
    return this.page;
  }
}
