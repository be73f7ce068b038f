import { ApiProperty } from '@nestjs/swagger';
import { IsIn, IsInt, Max, Min } from 'class-validator';
import { HELD_MAIL, type HeldMail } from '../moderator.entity.js';

const MINUTES = 'heldMailMinutes must be a whole number of minutes from 1 to 1440.';

/** A moderator's own choice of email about held comments on their sites. */
export class HeldMailDto {
  @ApiProperty({ enum: [...HELD_MAIL], description: 'each: one email per held comment; digest: at most one every heldMailMinutes; none.' })
  @IsIn(HELD_MAIL, { message: `heldMail must be one of ${HELD_MAIL.join(', ')}.` })
  heldMail: HeldMail;

  @ApiProperty({ minimum: 1, maximum: 1440, example: 60 })
  @IsInt({ message: MINUTES })
  @Min(1, { message: MINUTES })
  @Max(1440, { message: MINUTES })
  heldMailMinutes: number;
}
