import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { Controller, Get, Header, NotFoundException } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';

/** The repository's (or the image's /app) root, whether this runs built (dist/src/realtime) or from the sources (the tests). */
const PROJECT_ROOT = fileURLToPath(import.meta.url).replace(/[\\/](?:dist[\\/])?src[\\/]realtime[\\/][^\\/]+$/, '');

/** docs/asyncapi.json, the AsyncAPI 3 description of the live events: written by hand, checked against the gateways by a test. */
export const ASYNCAPI_FILE = join(PROJECT_ROOT, 'docs', 'asyncapi.json');

/** The live events' document beside the HTTP API's (/docs, /docs/openapi.json). */
@ApiExcludeController()
@Controller('docs')
export class AsyncApiController {
  private document: string | null | undefined;

  @Get('asyncapi.json')
  @Header('Content-Type', 'application/json; charset=utf-8')
  asyncApi(): string {
    if (this.document === undefined) {
      try {
        this.document = readFileSync(ASYNCAPI_FILE, 'utf8');
      } catch {
        this.document = null;
      }
    }
    if (this.document === null) throw new NotFoundException('This installation has no docs/asyncapi.json.');
    return this.document;
  }
}
