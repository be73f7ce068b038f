import { Controller, Get, Header } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import { DEMO_SLUG } from '../sites/demo-site.service.js';
import { demoArticlePage } from './demo-article.js';

@ApiExcludeController()
@Controller()
export class DemoController {
  private readonly page = demoArticlePage(DEMO_SLUG);

  @Get()
  @Header('Content-Type', 'text/html; charset=utf-8')
  home(): string {
    return this.page;
  }

  /** The story also lives at its own article URL, as on a real news site. */
  @Get('news/:slug')
  @Header('Content-Type', 'text/html; charset=utf-8')
  article(): string {
    return this.page;
  }
}
