import { ApiProperty } from '@nestjs/swagger';
import { IsNotEmpty, IsString, MaxLength } from 'class-validator';

/** The public half of the key pair a site signs its readers' tokens with (EdDSA). */
export class SignInKeyDto {
  @ApiProperty({ description: 'An Ed25519 public key, PEM (-----BEGIN PUBLIC KEY-----…).' })
  @IsNotEmpty({ message: 'publicKey must be an Ed25519 public key in PEM.' })
  @IsString({ message: 'publicKey must be an Ed25519 public key in PEM.' })
  @MaxLength(2000, { message: 'publicKey must be an Ed25519 public key in PEM.' })
  publicKey: string;
}
