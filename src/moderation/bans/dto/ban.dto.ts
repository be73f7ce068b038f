import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Transform, Type } from 'class-transformer';
import { IsDate, IsIn, IsNotEmpty, IsOptional, IsString, MaxLength } from 'class-validator';
import { trim, trimOptional } from '../../../http/trim.js';
import { BAN_KINDS, type BanKind } from '../../../spam/ban.entity.js';

export class BanDto {
  @ApiProperty({ description: 'The site slug.' })
  @Transform(trim)
  @IsNotEmpty({ message: 'site is required.' })
  @IsString()
  @MaxLength(64)
  site: string;

  @ApiProperty({ enum: BAN_KINDS })
  @IsIn(BAN_KINDS, { message: 'kind must be email, domain, ip or account.' })
  kind: BanKind;

  @ApiProperty({ description: 'An email, an email domain, or an IP address or CIDR range.' })
  @Transform(trim)
  @IsNotEmpty({ message: 'value is required.' })
  @IsString()
  @MaxLength(200)
  value: string;

  @ApiPropertyOptional({ format: 'date-time' })
  @IsOptional()
  @Type(() => Date)
  @IsDate({ message: 'expiresAt must be a date and time such as 2026-12-31T23:59:00Z.' })
  expiresAt?: Date;

  @ApiPropertyOptional()
  @Transform(trimOptional)
  @IsOptional()
  @IsString()
  @MaxLength(1000, { message: 'note is too long (1000 characters at most).' })
  note?: string;
}
