import { ApiProperty } from '@nestjs/swagger';
import { Transform } from 'class-transformer';
import { IsIn, IsNotEmpty, IsString, MaxLength } from 'class-validator';
import { trim } from '../../../http/trim.js';

/** A reader asks, by address, for their comments or their erasure: the answer goes to that address. */
export class PrivacyRequestDto {
  @ApiProperty({ description: 'The site slug.', example: 'demo' })
  @Transform(trim)
  @IsNotEmpty({ message: 'Say which site the request is for.' })
  @IsString({ message: 'Say which site the request is for.' })
  site: string;

  @ApiProperty({ description: 'The address the comments were posted with; the link is emailed to it.', example: 'ayu@example.org' })
  @Transform(trim)
  @IsNotEmpty({ message: 'Please enter a valid email address.' })
  @IsString({ message: 'Please enter a valid email address.' })
  @MaxLength(100, { message: 'Your email address is too long.' })
  email: string;

  @ApiProperty({ enum: ['export', 'erase'], description: 'export: a download link for every comment; erase: a link to erase them.' })
  @IsIn(['export', 'erase'], { message: 'kind must be export or erase.' })
  kind: 'export' | 'erase';
}
