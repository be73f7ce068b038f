import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Transform } from 'class-transformer';
import { IsOptional, IsString, MaxLength } from 'class-validator';
import { trim, trimOptional } from '../../../http/trim.js';
import { FORM_MESSAGES } from '../../../threads/form-messages.js';

/** A staff reply's text, or a moderator's new text for a comment (a redaction). */
export class StaffTextDto {
  @ApiProperty({ description: 'Plain text, as readers write it (light formatting applies).' })
  @Transform(trim)
  @IsString({ message: FORM_MESSAGES.emptyComment })
  body: string;

  @ApiPropertyOptional({ description: 'Why, for the audit log.', maxLength: 1000 })
  @Transform(trimOptional)
  @IsOptional()
  @IsString()
  @MaxLength(1000, { message: 'note is too long (1000 characters at most).' })
  note?: string;
}
