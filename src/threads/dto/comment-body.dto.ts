import { ApiProperty } from '@nestjs/swagger';
import { Transform } from 'class-transformer';
import { IsNotEmpty, IsString } from 'class-validator';
import { trim } from '../../http/trim.js';
import { FORM_LIMITS, FORM_MESSAGES } from '../form-messages.js';
import { MaxUtf8Bytes } from './max-bytes.validator.js';

/** An author's new text for their comment: the form's rules for the text, in UTF-8 bytes as WordPress counts. */
export class CommentBodyDto {
  @ApiProperty({
    description: 'The comment text (plain text; line breaks make paragraphs), at most 65,525 bytes of UTF-8.',
    maxLength: FORM_LIMITS.body,
    example: 'A well-reported piece, thank you.',
  })
  @Transform(trim)
  @IsNotEmpty({ message: FORM_MESSAGES.emptyComment })
  @IsString({ message: FORM_MESSAGES.emptyComment })
  @MaxUtf8Bytes(FORM_LIMITS.body, { message: FORM_MESSAGES.commentTooLong })
  body: string;
}
