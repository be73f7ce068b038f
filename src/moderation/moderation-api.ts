import { applyDecorators, UseGuards } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import { ApiErrors } from '../http/api-errors.js';
import { ModeratorGuard, PASSWORD_FIRST_REFUSAL } from './accounts/moderator.guard.js';

export { idOf } from '../http/id-param.js';

/**
 * Every moderation controller: bearer token required, documented as such, with the refusals every
 * route shares (each route documents its own besides, with ApiErrors). `passwordFirst: false` for
 * routes a session may use before choosing its own password (signing in, out, choosing it).
 */
export function ModerationApi(options: { passwordFirst?: boolean } = {}) {
  return applyDecorators(
    ...(options.passwordFirst === false ? [] : [ApiErrors([403, PASSWORD_FIRST_REFUSAL])]),
    ApiTags('moderation'),
    ApiBearerAuth(),
    ApiErrors(401, 503),
    UseGuards(ModeratorGuard),
  );
}

export const MODERATION_ROUTES = 'api/v1/moderation';
