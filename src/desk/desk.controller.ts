import { Controller, Get, Header, Headers, NotFoundException, Param, Res } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import type { Response } from 'express';
import { loadBundle, sendBundleFile } from '../embed/bundles.js';
import { deskPage } from './desk-page.js';

/** The moderation desk: one page and its hashed assets, on the API's own origin. */
@ApiExcludeController()
@Controller('moderate')
export class DeskController {
  private readonly bundle = loadBundle('desk');
  private readonly page = deskPage(this.bundle);

  /** Revalidated on every visit, so a new release's assets are picked up at once. */
  @Get()
  @Header('Content-Type', 'text/html; charset=utf-8')
  @Header('Cache-Control', 'no-cache')
  html(): string {
    return this.page;
  }

  @Get('assets/:file')
  asset(@Param('file') file: string, @Headers('accept-encoding') encoding: string | undefined, @Res() response: Response): void {
    if (!sendBundleFile(this.bundle, file, encoding, response, false)) throw new NotFoundException('There is no such desk file: reload /moderate.');
  }
}
