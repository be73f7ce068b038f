import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Transform } from 'class-transformer';
import { ArrayMaxSize, IsArray, IsEmail, IsIn, IsNotEmpty, IsOptional, IsString, MaxLength, MinLength } from 'class-validator';
import { trim, trimOptional } from '../../../http/trim.js';
import { MODERATOR_ROLES, type ModeratorRole } from '../moderator.entity.js';
import { MAX_PASSWORD_LENGTH, MIN_PASSWORD_LENGTH } from '../passwords.js';

export class NewModeratorDto {
  @ApiProperty()
  @Transform(trim)
  @IsNotEmpty({ message: 'email is required.' })
  @MaxLength(100, { message: 'The email address is too long.' })
  @IsEmail({}, { message: 'Please enter a valid email address.' })
  email: string;

  @ApiPropertyOptional({ description: 'Shown to other moderators; defaults to the part of the email before @.' })
  @Transform(trimOptional)
  @IsOptional()
  @IsString()
  @MaxLength(100, { message: 'The name is too long.' })
  name?: string;

  @ApiProperty({ enum: MODERATOR_ROLES })
  @IsIn(MODERATOR_ROLES, { message: 'role must be admin or moderator.' })
  role: ModeratorRole;

  @ApiPropertyOptional({ type: [String], description: "Slugs of the moderator's sites (not for admins)." })
  @IsOptional()
  @IsArray({ message: 'sites must be a list of site slugs.' })
  @ArrayMaxSize(1000)
  @IsString({ each: true, message: 'sites must be a list of site slugs.' })
  sites?: string[];

  @ApiPropertyOptional({ description: `Absent: one is generated and shown once in the answer.`, minLength: MIN_PASSWORD_LENGTH })
  @IsOptional()
  @IsString()
  @MinLength(MIN_PASSWORD_LENGTH, { message: `A password needs at least ${MIN_PASSWORD_LENGTH} characters.` })
  @MaxLength(MAX_PASSWORD_LENGTH, { message: `A password has at most ${MAX_PASSWORD_LENGTH} characters.` })
  password?: string;
}

/** An admin changing an account's role or sites; what is left out stays as it is. */
export class ModeratorChangeDto {
  @ApiPropertyOptional({ enum: MODERATOR_ROLES })
  @IsOptional()
  @IsIn(MODERATOR_ROLES, { message: 'role must be admin or moderator.' })
  role?: ModeratorRole;

  @ApiPropertyOptional({ type: [String], description: "Slugs of the moderator's sites, replacing the ones it has (not for admins)." })
  @IsOptional()
  @IsArray({ message: 'sites must be a list of site slugs.' })
  @ArrayMaxSize(1000)
  @IsString({ each: true, message: 'sites must be a list of site slugs.' })
  sites?: string[];
}
