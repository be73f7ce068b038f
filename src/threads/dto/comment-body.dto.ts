import { ApiProperty } from '@nestjs/swagger';
import { Transform } from 'class-transformer';
import { IsNotEmpty, IsString, MaxLength } from 'class-validator';
import { trim } from '../../http/trim.js';
import { FORM_LIMITS, FORM_MESSAGES } from '../form-messages.js';

/** The comment text; shared by the form and by an author's edit. */
export class CommentBodyDto {
  @ApiProperty({
    description: 'The comment text (plain text; line breaks make paragraphs).',
    maxLength: FORM_LIMITS.body,
    example: 'A well-reported piece, thank you.',
  })
  @Transform(trim)
  @IsNotEmpty({ message: FORM_MESSAGES.emptyComment })
  @IsString({ message: FORM_MESSAGES.emptyComment })
  @MaxLength(FORM_LIMITS.body, { message: FORM_MESSAGES.commentTooLong })
  body: string;
}
