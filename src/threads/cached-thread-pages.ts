import { Inject, Injectable } from '@nestjs/common';
import type { NextFunction, Request, Response } from 'express';
import { KOLOM_CONFIG } from '../config/config.module.js';
import type { KolomConfig } from '../config/config.js';
import { Metrics } from '../metrics/metrics.js';
import { answerThreadPage, threadCacheControl } from './thread-page-answer.js';
import { ThreadPageCache } from './thread-page-cache.js';

const THREADS_PATH = '/api/v1/threads';

/**
 * The hot path of a viral article: the same thread URL asked again while its page is cached is
 * answered here, ahead of the framework's routing, validation and request log, which cost several
 * times what sending kept bytes does. Only URLs the controller has answered moments ago are known
 * here, so every check (site, article origin, parameters) has already been passed by the same URL;
 * anything else goes on to the controller. These answers are counted in the metrics (thread page
 * cache hits, HTTP latency), not logged one by one.
 */
@Injectable()
export class CachedThreadPages {
  readonly cacheControl: string;

  constructor(
    private readonly cache: ThreadPageCache,
    private readonly metrics: Metrics,
    @Inject(KOLOM_CONFIG) config: KolomConfig,
  ) {
    this.cacheControl = threadCacheControl(config.threadMaxAge);
  }

  /** Remembers a URL the controller answered with a cached page, for the next reader who asks for it. */
  remember(requestUrl: string, cacheKey: string): void {
    this.cache.rememberRequest(requestUrl, cacheKey);
  }

  /** Express middleware, mounted before the framework's own (app.ts). */
  readonly handle = (request: Request, response: Response, next: NextFunction): void => {
    if ((request.method !== 'GET' && request.method !== 'HEAD') || !request.url.startsWith(THREADS_PATH) || request.url[THREADS_PATH.length] !== '?') {
      next();
      return;
    }
    const page = this.cache.forRequest(request.url);
    if (!page) {
      next();
      return;
    }
    this.metrics.threadPageCache.inc({ result: 'hit' });
    const end = this.metrics.httpDuration.startTimer({ method: request.method, route: THREADS_PATH });
    answerThreadPage(request, response, page, this.cacheControl).then(
      () => end({ status: `${Math.floor(response.statusCode / 100)}xx` }),
      (error: unknown) => next(error),
    );
  };
}
