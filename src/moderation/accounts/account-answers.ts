import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import type * as Answers from '../moderation-answers.js';
import type * as Accounts from './moderators.service.js';

/* The accounts routes' answers, for the OpenAPI document: the shapes are moderation-answers.ts's. */

export class PublicModerator implements Answers.PublicModerator {
  @ApiProperty()
  id: number;

  @ApiProperty({ example: 'desk@courier.example' })
  email: string;

  @ApiProperty()
  name: string;

  @ApiProperty({ enum: ['admin', 'moderator'] })
  role: Answers.ModeratorRole;

  @ApiProperty({
    oneOf: [
      { type: 'array', items: { type: 'string' } },
      { type: 'string', enum: ['all'] },
    ],
    description: "The slugs of a moderator's sites; `all` for an admin.",
  })
  sites: string[] | 'all';

  @ApiProperty({ enum: ['each', 'digest', 'none'], description: 'Email about held comments.' })
  heldMail: 'each' | 'digest' | 'none';

  @ApiProperty({ description: 'At most one digest every this many minutes.' })
  heldMailMinutes: number;

  @ApiProperty({ format: 'date-time' })
  createdAt: string;
}

export class CurrentSession implements Answers.CurrentSession {
  @ApiProperty({ format: 'date-time' })
  expiresAt: string;

  @ApiProperty({ type: PublicModerator })
  moderator: PublicModerator;

  @ApiProperty({ description: 'Until the account chooses its own password, other routes answer 403 with code "password-change-required".' })
  mustChangePassword: boolean;
}

export class SignedIn extends CurrentSession implements Answers.SignedIn {
  @ApiProperty({ description: 'Send as `Authorization: Bearer TOKEN`.' })
  token: string;
}

export class CreatedModerator implements Accounts.CreatedModerator {
  @ApiProperty({ type: PublicModerator })
  moderator: PublicModerator;

  @ApiPropertyOptional({ description: 'Only when it was generated: the one time anyone sees it.' })
  password?: string;
}
