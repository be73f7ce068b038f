import { applyDecorators, UseGuards } from '@nestjs/common';
import { ApiBadRequestResponse, ApiBearerAuth, ApiForbiddenResponse, ApiNotFoundResponse, ApiTags, ApiUnauthorizedResponse } from '@nestjs/swagger';
import { ErrorAnswer } from '../http/error-answer.js';
import { ModeratorGuard } from './accounts/moderator.guard.js';

export { idOf } from '../http/id-param.js';

/** Every moderation controller: bearer token required, documented as such. */
export function ModerationApi() {
  return applyDecorators(
    ApiTags('moderation'),
    ApiBearerAuth(),
    ApiUnauthorizedResponse({ type: ErrorAnswer, description: 'No token, or one that is unknown, expired or signed out.' }),
    ApiNotFoundResponse({ type: ErrorAnswer, description: 'Not found, or on a site you do not moderate.' }),
    ApiForbiddenResponse({
      type: ErrorAnswer,
      description: 'Admins only; or, with code "password-change-required", the account must change its password first.',
    }),
    ApiBadRequestResponse({ type: ErrorAnswer, description: 'A value is wrong: `fields` says which.' }),
    UseGuards(ModeratorGuard),
  );
}

export const MODERATION_ROUTES = 'api/v1/moderation';
