import { Body, Controller, Get, HttpCode, Patch, Post } from '@nestjs/common';
import { ApiNoContentResponse, ApiOkResponse, ApiOperation } from '@nestjs/swagger';
import { ApiErrors } from '../../http/api-errors.js';
import { CurrentSession as CurrentSessionAnswer, SignedIn as SignedInAnswer } from './account-answers.js';
import { Client, type ClientInfo } from '../../http/client-info.decorator.js';
import { HeldMailDto } from './dto/held-mail.dto.js';
import { LoginDto } from './dto/login.dto.js';
import { PasswordChangeDto } from './dto/password-change.dto.js';
import { MODERATION_ROUTES, ModerationApi } from '../moderation-api.js';
import type { ModeratorIdentity } from './moderator-identity.js';
import { BeforePasswordChange, CurrentModerator, NoTokenNeeded, PASSWORD_FIRST_REFUSAL } from './moderator.guard.js';
import { type CurrentSession, ModeratorSessionsService, type SignedIn } from './moderator-sessions.service.js';
import { OwnPasswordService } from './own-password.service.js';

/** Signing in and out and choosing one's password work before the password change: no 403 for those. */
@ModerationApi({ passwordFirst: false })
@Controller(MODERATION_ROUTES)
export class SessionsController {
  constructor(
    private readonly sessions: ModeratorSessionsService,
    private readonly ownPassword: OwnPasswordService,
  ) {}

  @Post('login')
  @HttpCode(200)
  @NoTokenNeeded()
  @ApiOperation({
    summary: 'Sign in',
    description:
      'Answers a bearer token for the other moderation routes. Wrong email or password: 401, one message for both. ' +
      'With mustChangePassword true (the first admin, an account an admin made) the token opens only GET /session, ' +
      'POST /session/password and POST /logout until the password is changed; the rest answer 403 with code "password-change-required".',
  })
  @ApiOkResponse({ type: SignedInAnswer })
  @ApiErrors(
    [400, 'The email or the password is missing or malformed: `fields` says which.'],
    [401, 'Wrong email or password (one message for both).'],
    413,
    [429, 'Too many failed sign-ins for this account from this address, or from this address; with Retry-After.'],
    [503, 'Too many sign-ins being checked at once on this node, or PostgreSQL out of reach; with Retry-After.'],
  )
  login(@Body() credentials: LoginDto, @Client() client: ClientInfo): Promise<SignedIn> {
    // A refusal's Retry-After header is set by UnexpectedErrorFilter, as for every limit.
    return this.sessions.login(credentials.email, credentials.password, client.ip);
  }

  @Get('session')
  @BeforePasswordChange()
  @ApiOperation({ summary: 'Who this token belongs to, when it expires, and whether the password must be changed first' })
  @ApiOkResponse({ type: CurrentSessionAnswer })
  session(@CurrentModerator() moderator: ModeratorIdentity): Promise<CurrentSession> {
    return this.sessions.current(moderator);
  }

  @Post('session/password')
  @HttpCode(200)
  @BeforePasswordChange()
  @ApiOperation({
    summary: 'Change your own password',
    description:
      'Needs the current password. Lifts a pending "must change"; every other session of the account ends (and its live connections), this one goes on.',
  })
  @ApiOkResponse({ type: CurrentSessionAnswer, description: 'mustChangePassword is false now.' })
  @ApiErrors(
    [400, 'The current password is wrong, or the new one is too short, too long or the same; `fields` says which.'],
    413,
    [429, 'Too many wrong current passwords for this account, or from this address; with Retry-After.'],
    [503, 'Too many passwords being checked at once on this node, or PostgreSQL out of reach; with Retry-After.'],
  )
  changePassword(@CurrentModerator() moderator: ModeratorIdentity, @Body() change: PasswordChangeDto, @Client() client: ClientInfo): Promise<CurrentSession> {
    return this.ownPassword.change(moderator, change.currentPassword, change.newPassword, client.ip);
  }

  @Patch('session/mail')
  @ApiOperation({ summary: 'Choose email about held comments on your sites: each one, a digest at most every N minutes, or none' })
  @ApiOkResponse({ type: HeldMailDto })
  @ApiErrors([400, '`fields` says which value is wrong.'], [403, PASSWORD_FIRST_REFUSAL], 413)
  setHeldMail(@CurrentModerator() moderator: ModeratorIdentity, @Body() choice: HeldMailDto): Promise<HeldMailDto> {
    return this.sessions.setHeldMail(moderator, choice);
  }

  @Post('logout')
  @HttpCode(204)
  @BeforePasswordChange()
  @ApiOperation({ summary: 'Sign out: the token stops working at once, and its live connections close' })
  @ApiNoContentResponse({ description: 'Signed out.' })
  logout(@CurrentModerator() moderator: ModeratorIdentity): Promise<void> {
    return this.sessions.logout(moderator);
  }
}
