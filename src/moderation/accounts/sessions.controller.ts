import { Body, Controller, HttpCode, Post, Res } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiServiceUnavailableResponse, ApiTooManyRequestsResponse } from '@nestjs/swagger';
import type { Response } from 'express';
import { Client, type ClientInfo } from '../../http/client-info.decorator.js';
import { LoginDto } from './dto/login.dto.js';
import { MODERATION_ROUTES, ModerationApi } from '../moderation-api.js';
import { retryAfterOf } from '../../rate-limits/rate-limits.js';
import type { ModeratorIdentity } from './moderator-identity.js';
import { CurrentModerator, NoTokenNeeded } from './moderator.guard.js';
import { ModeratorSessionsService, type SignedIn } from './moderator-sessions.service.js';

@ModerationApi()
@Controller(MODERATION_ROUTES)
export class SessionsController {
  constructor(private readonly sessions: ModeratorSessionsService) {}

  @Post('login')
  @HttpCode(200)
  @NoTokenNeeded()
  @ApiOperation({
    summary: 'Sign in',
    description: 'Answers a bearer token for the other moderation routes. Wrong email or password: 401, one message for both.',
  })
  @ApiOkResponse({ description: '{token, expiresAt, moderator}' })
  @ApiTooManyRequestsResponse({ description: 'Too many failed sign-ins for this account from this address, or from this address; with Retry-After.' })
  @ApiServiceUnavailableResponse({ description: 'Too many sign-ins being checked at once on this node; with Retry-After.' })
  async login(@Body() credentials: LoginDto, @Client() client: ClientInfo, @Res({ passthrough: true }) response: Response): Promise<SignedIn> {
    try {
      return await this.sessions.login(credentials.email, credentials.password, client.ip);
    } catch (error) {
      const retryAfter = retryAfterOf(error);
      if (retryAfter !== null) response.setHeader('Retry-After', String(retryAfter));
      throw error;
    }
  }

  @Post('logout')
  @HttpCode(204)
  @ApiOperation({ summary: 'Sign out: the token stops working at once, and its live connections close' })
  logout(@CurrentModerator() moderator: ModeratorIdentity): Promise<void> {
    return this.sessions.logout(moderator);
  }
}
