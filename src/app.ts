import 'reflect-metadata';
import { NestFactory } from '@nestjs/core';
import type { NestExpressApplication } from '@nestjs/platform-express';
import { DocumentBuilder, SwaggerModule } from '@nestjs/swagger';
import { ErrorAnswer } from './http/error-answer.js';
import { Logger } from 'nestjs-pino';
import { AppModule } from './app.module.js';
import type { KolomConfig } from './config/config.js';
import type { DatabaseTarget } from './database/database-target.js';
import { corsFor, everyAnswerHeaders } from './http/edge-headers.js';
import { UnexpectedErrorFilter } from './http/unexpected-error.filter.js';
import { createValidationPipe } from './http/validation.pipe.js';
import { KolomIoAdapter } from './realtime/kolom-io.adapter.js';
import { RedisLink } from './redis/redis-link.js';
import { ShutdownService } from './shutdown/shutdown.service.js';
import { CachedThreadPages } from './threads/cached-thread-pages.js';

/** A comment may hold 65,525 characters, up to four bytes each in UTF-8, plus the other fields. */
const JSON_LIMIT = '300kb';

/** The whole HTTP application, ready to listen: shared by `main.ts`, the tests and the benchmarks. */
export async function createKolomApp(config: KolomConfig, database: DatabaseTarget): Promise<NestExpressApplication> {
  const app = await NestFactory.create<NestExpressApplication>(AppModule.forRoot(config, database), {
    bufferLogs: true,
    bodyParser: false,
  });
  app.useLogger(app.get(Logger));
  app.useBodyParser('json', { limit: JSON_LIMIT });
  app.set('trust proxy', config.trustProxy);
  app.disable('x-powered-by');
  // Express's own ETags would hash every answer; the cacheable ones (threads, counts) make theirs once per page.
  app.set('etag', false);
  app.use(...everyAnswerHeaders);
  app.enableCors(corsFor(config.publicUrl));
  app.use(app.get(CachedThreadPages).handle);
  app.useGlobalPipes(createValidationPipe());
  app.useGlobalFilters(new UnexpectedErrorFilter());
  app.useWebSocketAdapter(new KolomIoAdapter(app, app.get(RedisLink), app.get(ShutdownService)));

  const openApi = new DocumentBuilder()
    .setTitle('Kolom')
    .setDescription('Comments for news sites: threads, the comment form, author edits.')
    .setVersion('1')
    // The moderation routes' bearer token (POST /api/v1/moderation/login): Swagger UI's Authorize button.
    .addBearerAuth({ type: 'http', scheme: 'bearer', description: 'The token POST /api/v1/moderation/login answers.' })
    .build();
  const document = () => SwaggerModule.createDocument(app, openApi, { extraModels: [ErrorAnswer] });
  SwaggerModule.setup('docs', app, document, { jsonDocumentUrl: 'docs/openapi.json' });
  return app;
}
