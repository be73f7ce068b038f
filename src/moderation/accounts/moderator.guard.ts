import { applyDecorators, CanActivate, createParamDecorator, ExecutionContext, ForbiddenException, Injectable, SetMetadata } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import { ApiErrors } from '../../http/api-errors.js';
import type { Request } from 'express';
import type { ModeratorIdentity } from './moderator-identity.js';
import { ModeratorSessionsService } from './moderator-sessions.service.js';

const ADMINS_ONLY = 'kolom:admins-only';
const PUBLIC_ROUTE = 'kolom:public-moderation-route';
const BEFORE_PASSWORD_CHANGE = 'kolom:before-password-change';

type ModeratorRequest = Request & { moderator?: ModeratorIdentity };

/** What a 403 of the moderation API means, for its OpenAPI document. */
export const PASSWORD_FIRST_REFUSAL = 'With code "password-change-required": the account must choose its own password first (POST /session/password).';
const ADMINS_ONLY_REFUSAL = `Admins only.\n\n${PASSWORD_FIRST_REFUSAL}`;

/** Routes only admins may use (accounts, site settings). */
export const AdminsOnly = () =>
  applyDecorators(SetMetadata(ADMINS_ONLY, true), (target: object, key?: string | symbol, descriptor?: PropertyDescriptor) => {
    // On a controller its 403 adds to ModerationApi's; on a route it replaces that one, so it says both.
    ApiErrors([403, descriptor ? ADMINS_ONLY_REFUSAL : 'Admins only.'])(target, key!, descriptor!);
  });
/** A moderation route that needs no token: signing in. */
export const NoTokenNeeded = () => SetMetadata(PUBLIC_ROUTE, true);

/**
 * A route a session may use while its account must still choose its own password: choosing it,
 * reading who it is, signing out. Every other route answers 403 `password-change-required`.
 */
export const BeforePasswordChange = () => SetMetadata(BEFORE_PASSWORD_CHANGE, true);

/** The moderator the guard authenticated. */
export const CurrentModerator = createParamDecorator(
  (_: unknown, context: ExecutionContext) => context.switchToHttp().getRequest<ModeratorRequest>().moderator!,
);

/** Every moderation route needs a valid bearer token, unless marked NoTokenNeeded. */
@Injectable()
export class ModeratorGuard implements CanActivate {
  constructor(
    private readonly sessions: ModeratorSessionsService,
    private readonly reflector: Reflector,
  ) {}

  async canActivate(context: ExecutionContext): Promise<boolean> {
    const targets = [context.getHandler(), context.getClass()];
    if (this.reflector.getAllAndOverride<boolean>(PUBLIC_ROUTE, targets)) return true;
    const request = context.switchToHttp().getRequest<ModeratorRequest>();
    request.moderator = await this.sessions.authenticate(bearerToken(request.get('authorization')), {
      beforePasswordChange: this.reflector.getAllAndOverride<boolean>(BEFORE_PASSWORD_CHANGE, targets) === true,
    });
    if (this.reflector.getAllAndOverride<boolean>(ADMINS_ONLY, targets) && !request.moderator.isAdmin) {
      throw new ForbiddenException('Only admins may do this.');
    }
    return true;
  }
}

export function bearerToken(header: string | undefined): string | undefined {
  const match = /^Bearer\s+(\S+)$/i.exec(header?.trim() ?? '');
  return match?.[1];
}
