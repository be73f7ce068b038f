import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Transform } from 'class-transformer';
import { IsIn, IsNotEmpty, IsString, MaxLength, ValidateIf } from 'class-validator';
import { trimOptional } from '../../../http/trim.js';
import { FLAG_REASONS, type FlagReason } from '../flag.entity.js';

export class FlagDto {
  @ApiProperty({ enum: FLAG_REASONS })
  @IsIn(FLAG_REASONS, { message: `reason must be one of ${FLAG_REASONS.join(', ')}.` })
  reason: FlagReason;

  @ApiPropertyOptional({ description: 'What is wrong; required when the reason is other.', maxLength: 500 })
  @Transform(trimOptional)
  @ValidateIf((flag: FlagDto, value) => flag.reason === 'other' || value !== undefined)
  @IsNotEmpty({ message: 'Please say what is wrong with this comment.' })
  @IsString()
  @MaxLength(500, { message: 'Your report is too long (500 characters at most).' })
  text?: string;
}
