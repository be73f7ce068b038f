import { DynamicModule, Module } from '@nestjs/common';
import { LoggerModule } from 'nestjs-pino';
import type { KolomConfig } from '../config/config.js';
import { loggedUrl } from './logged-url.js';

/**
 * JSON logs through pino. A request line carries method, path, status and duration only: never the
 * client's address, headers (user agent, edit tokens, bearer tokens), body, or the query values
 * moderators search with, which hold private data.
 */
@Module({})
export class LoggingModule {
  static forRoot(config: KolomConfig): DynamicModule {
    return {
      module: LoggingModule,
      imports: [
        LoggerModule.forRoot({
          pinoHttp: {
            level: config.logLevel,
            autoLogging: { ignore: (req) => req.url === '/health' },
            serializers: {
              req: (req: { id: unknown; method: string; url: string }) => ({
                id: req.id,
                method: req.method,
                url: loggedUrl(req.url),
              }),
              res: (res: { statusCode: number }) => ({ statusCode: res.statusCode }),
            },
            customLogLevel: (_req, res, error) => (error || res.statusCode >= 500 ? 'error' : 'info'),
          },
        }),
      ],
    };
  }
}
