import { applyDecorators, UseGuards } from '@nestjs/common';
import { ApiBearerAuth, ApiForbiddenResponse, ApiNotFoundResponse, ApiTags, ApiUnauthorizedResponse } from '@nestjs/swagger';
import { ModeratorGuard } from './accounts/moderator.guard.js';

export { idOf } from '../http/id-param.js';

/** Every moderation controller: bearer token required, documented as such. */
export function ModerationApi() {
  return applyDecorators(
    ApiTags('moderation'),
    ApiBearerAuth(),
    ApiUnauthorizedResponse({ description: 'No token, or one that is unknown, expired or signed out.' }),
    ApiNotFoundResponse({ description: 'Not found, or on a site you do not moderate.' }),
    ApiForbiddenResponse({ description: 'Admins only; or, with code "password-change-required", the account must change its password first.' }),
    UseGuards(ModeratorGuard),
  );
}

export const MODERATION_ROUTES = 'api/v1/moderation';
