import { ApiProperty } from '@nestjs/swagger';
import { Transform } from 'class-transformer';
import { IsNotEmpty, IsString, MaxLength } from 'class-validator';
import { trim } from '../../../http/trim.js';
import { MAX_PASSWORD_LENGTH } from '../passwords.js';

export class LoginDto {
  @ApiProperty({ example: 'editor@news.example' })
  @Transform(trim)
  @IsNotEmpty({ message: 'Please fill the required fields.' })
  @IsString()
  @MaxLength(100, { message: 'Your email address is too long.' })
  email: string;

  @ApiProperty()
  @IsNotEmpty({ message: 'Please fill the required fields.' })
  @IsString()
  @MaxLength(MAX_PASSWORD_LENGTH)
  password: string;
}
