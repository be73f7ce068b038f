import { ArgumentsHost, Catch, ExceptionFilter, HttpException, Logger } from '@nestjs/common';
import type { Response } from 'express';
import { retryAfterOf } from '../rate-limits/rate-limits.js';
import { DATABASE_UNAVAILABLE_MESSAGE, isDatabaseUnavailable, RETRY_AFTER_SECONDS } from '../database/database-unavailable.js';

/** While PostgreSQL is away every request fails the same way: say so once in a while, not per request. */
const UNAVAILABLE_LOG_EVERY_MS = 5_000;

/**
 * HttpExceptions pass through as Nest renders them, with Retry-After when they name a wait. PostgreSQL out of reach is a 503 with
 * Retry-After: nothing was saved, and trying again shortly will work. Anything else is a bug: log
 * its name, message and stack only (a database error carries the query's parameters, which can
 * hold an email or an IP) and answer a plain 500.
 */
@Catch()
export class UnexpectedErrorFilter implements ExceptionFilter {
  private readonly logger = new Logger('UnexpectedError');
  private unavailableLoggedAt = 0;

  catch(exception: unknown, host: ArgumentsHost): void {
    const response = host.switchToHttp().getResponse<Response>();
    if (exception instanceof HttpException) {
      const body = exception.getResponse();
      // A refusal that says when to come back (rate-limits.ts tooMany) says it in the header too.
      const retryAfter = retryAfterOf(exception);
      if (retryAfter !== null) response.setHeader('Retry-After', String(retryAfter));
      response.status(exception.getStatus()).json(typeof body === 'string' ? { statusCode: exception.getStatus(), message: body } : body);
      return;
    }
    const error = exception instanceof Error ? exception : new Error(String(exception));
    if (response.headersSent)
      return this.logger.error({ err: { name: error.name, message: error.message, stack: error.stack } }, 'error after the answer began');
    if (isDatabaseUnavailable(error)) {
      if (Date.now() - this.unavailableLoggedAt > UNAVAILABLE_LOG_EVERY_MS) {
        this.unavailableLoggedAt = Date.now();
        this.logger.warn({ err: { name: error.name, message: error.message } }, 'the database is unavailable: answering 503');
      }
      response.setHeader('Retry-After', String(RETRY_AFTER_SECONDS));
      response.status(503).json({ statusCode: 503, error: 'Service Unavailable', message: DATABASE_UNAVAILABLE_MESSAGE });
      return;
    }
    this.logger.error({ err: { name: error.name, message: error.message, stack: error.stack } }, 'unhandled error');
    response.status(500).json({
      statusCode: 500,
      error: 'Internal Server Error',
      message: 'Something went wrong on our side. Please try again in a moment.',
    });
  }
}
