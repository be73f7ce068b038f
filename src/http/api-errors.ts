import { applyDecorators } from '@nestjs/common';
import { ApiResponse } from '@nestjs/swagger';
import { DATABASE_UNAVAILABLE_MESSAGE } from '../database/database-unavailable.js';
import { ErrorAnswer } from './error-answer.js';

/** The refusals Kolom's HTTP API answers with an ErrorAnswer body. */
export type ErrorStatus = 400 | 401 | 403 | 404 | 409 | 413 | 422 | 429 | 503;

/** A status alone (its usual meaning below), or with what it means on this route. */
export type DocumentedError = ErrorStatus | readonly [ErrorStatus, string];

const USUAL_MEANING: Record<ErrorStatus, string> = {
  400: 'A value is missing, malformed or out of range (or the body is not JSON): `message` lists the problems, `fields` maps each to its field.',
  401: 'No token, or one that is unknown, expired or signed out.',
  403: 'Not allowed.',
  404: 'There is no such thing, or not one you may see.',
  409: 'It conflicts with the current state.',
  413: 'The body is over 300 KB.',
  422: 'The request is well formed but cannot be carried out.',
  429: 'Too many requests: `Retry-After` says how many seconds to wait.',
  503: `PostgreSQL is out of reach for a moment ("${DATABASE_UNAVAILABLE_MESSAGE}"); nothing was changed. \`Retry-After\` says when to try again.`,
};

/**
 * Documents the statuses a route really refuses with, each with the ErrorAnswer body:
 * `@ApiErrors(400, 404, [409, 'A site with this slug exists.'])`. On a controller, for every route
 * of it; a route's own entry for the same status replaces the controller's.
 */
export function ApiErrors(...errors: DocumentedError[]) {
  return applyDecorators(
    ...errors.map((error) => {
      const [status, description] = typeof error === 'number' ? [error, USUAL_MEANING[error]] : error;
      return ApiResponse({ status, description, type: ErrorAnswer });
    }),
  );
}
