import { ArgumentsHost, Catch, ExceptionFilter, HttpException, Logger } from '@nestjs/common';
import type { Response } from 'express';

/**
 * HttpExceptions pass through as Nest renders them. Anything else is a bug: log its name, message and
 * stack only (a database error carries the query's parameters, which can hold an email or an IP)
 * and answer a plain 500.
 */
@Catch()
export class UnexpectedErrorFilter implements ExceptionFilter {
  private readonly logger = new Logger('UnexpectedError');

  catch(exception: unknown, host: ArgumentsHost): void {
    const response = host.switchToHttp().getResponse<Response>();
    if (exception instanceof HttpException) {
      const body = exception.getResponse();
      response.status(exception.getStatus()).json(
        typeof body === 'string' ? { statusCode: exception.getStatus(), message: body } : body,
      );
      return;
    }
    const error = exception instanceof Error ? exception : new Error(String(exception));
    this.logger.error({ err: { name: error.name, message: error.message, stack: error.stack } }, 'unhandled error');
    if (!response.headersSent) {
      response.status(500).json({
        statusCode: 500,
        error: 'Internal Server Error',
        message: 'Something went wrong on our side. Please try again in a moment.',
      });
    }
  }
}
