import { hostname } from 'node:os';
import { DynamicModule, Module } from '@nestjs/common';
import { LoggerModule } from 'nestjs-pino';
import type { KolomConfig } from '../config/config.js';
import { loggedUrl } from './logged-url.js';

/**
 * JSON logs through pino. A request line carries method, path, status and duration only: never the
 * client's address, headers (user agent, edit tokens, bearer tokens), body, or the query values
 * moderators search with, which hold private data. With KOLOM_WORKERS above 1 every line carries
 * `worker` (1…KOLOM_WORKERS, kept by a replacement) beside the process's `pid`.
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
            // Each worker's lines say which one it is (pino's own fields, pid and hostname, stay).
            ...(config.worker === undefined ? {} : { base: { pid: process.pid, hostname: hostname(), worker: config.worker } }),
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
