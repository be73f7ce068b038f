import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Transform, Type } from 'class-transformer';
import { IsBoolean, IsInt, IsNotEmpty, IsOptional, IsPositive, IsString, Matches, Max, MaxLength } from 'class-validator';
import { MAX_ARTICLE_URL_LENGTH } from '../../articles/article-url.js';
import { trim, trimOptional } from '../../http/trim.js';
import { FORM_LIMITS, FORM_MESSAGES } from '../form-messages.js';

/**
 * The classic comment form: Comment*, Name*, Email* (never published), Website. Only what a
 * request must be to be read at all is checked here (types, the site and article, unknown fields;
 * safe text before that, in the pipe). Whether the reader filled the form in right — required,
 * valid, not too long — is WordPress's question, asked by the service in WordPress's order, after
 * the reply and closed-article checks (form-checks.ts).
 */
export class CommentFormDto {
  @ApiProperty({
    description: `The comment text (plain text; line breaks make paragraphs). Required; at most ${FORM_LIMITS.body} bytes of UTF-8.`,
    example: 'A well-reported piece, thank you.',
  })
  @Transform(trim)
  @IsOptional()
  @IsString({ message: FORM_MESSAGES.emptyComment })
  body?: string;

  @ApiProperty({ description: 'The site slug.', example: 'demo' })
  @Transform(trim)
  @IsNotEmpty({ message: 'Say which site the comment is for.' })
  @IsString({ message: 'Say which site the comment is for.' })
  site: string;

  @ApiProperty({
    description: "The article's URL; canonicalised, its origin must be allowed for the site.",
    example: 'http://localhost:3000/news/some-article',
  })
  @Transform(trim)
  @IsNotEmpty({ message: 'Say which article the comment is for.' })
  @IsString({ message: 'Say which article the comment is for.' })
  @MaxLength(MAX_ARTICLE_URL_LENGTH, { message: `The article URL is longer than ${MAX_ARTICLE_URL_LENGTH} characters.` })
  url: string;

  @ApiPropertyOptional({ description: "The article's title, kept when the article is first seen." })
  @Transform(trimOptional)
  @IsOptional()
  @IsString()
  @MaxLength(500)
  title?: string;

  @ApiPropertyOptional({ description: 'The comment this one replies to.', example: 42 })
  @IsOptional()
  @Type(() => Number)
  @IsInt({ message: 'parentId must be a comment id.' })
  @IsPositive({ message: 'parentId must be a comment id.' })
  // Past this a number no longer names one id exactly (and soon overflows the database's bigint).
  @Max(Number.MAX_SAFE_INTEGER, { message: 'parentId must be a comment id.' })
  parentId?: number;

  @ApiProperty({ description: `The author's name, shown with the comment. Required; at most ${FORM_LIMITS.name} bytes of UTF-8.`, example: 'Ayu' })
  @Transform(trim)
  @IsOptional()
  @IsString({ message: FORM_MESSAGES.requiredFields })
  name?: string;

  @ApiProperty({
    description: `Never published; required on replies too; valid as WordPress's is_email() says; at most ${FORM_LIMITS.email} bytes.`,
    example: 'ayu@example.org',
  })
  @Transform(trim)
  @IsOptional()
  @IsString({ message: FORM_MESSAGES.requiredFields })
  email?: string;

  @ApiPropertyOptional({
    description: `The author's website, an http(s) address; \`http://\` is assumed when no scheme is given. At most ${FORM_LIMITS.website} bytes.`,
    example: 'https://ayu.example.org',
  })
  @Transform(trimOptional)
  @IsOptional()
  @IsString({ message: FORM_MESSAGES.invalidWebsite })
  website?: string;

  @ApiPropertyOptional({
    description: 'A random key the client makes once per submission: a retry with the same key gets the first answer instead of a second comment.',
    example: 'b0b3c6a2-1f0e-4a55-9d8e-6d7f4b3c2a10',
  })
  @IsOptional()
  @IsString()
  @Matches(/^[A-Za-z0-9_-]{8,100}$/, { message: 'idempotencyKey must be 8 to 100 letters, digits, dashes or underscores.' })
  idempotencyKey?: string;

  @ApiPropertyOptional({
    description:
      'The honeypot: render it as a field people never see (hidden, autocomplete off) and send what it holds. Readers leave it empty; a form-filling robot does not, and its comment is kept out of sight.',
  })
  @Transform(trimOptional)
  @IsOptional()
  @IsString({ message: 'homepage must be left empty.' })
  @MaxLength(2000, { message: 'homepage must be left empty.' })
  homepage?: string;

  @ApiPropertyOptional({
    description:
      '"Notify me of replies by email." Taken only when the thread says `replyEmails: true`; an address not proven on this browser gets a confirmation link first.',
  })
  @IsOptional()
  @IsBoolean({ message: 'notifyReplies must be true or false.' })
  notifyReplies?: boolean;

  @ApiPropertyOptional({ description: 'The reader token a confirmed address was handed (kept by the widget): marks the comment as really from that address.' })
  @IsOptional()
  @IsString()
  @MaxLength(400)
  readerToken?: string;

  @ApiPropertyOptional({
    description:
      "A sign-in token the news site's server signed for its reader (see README, Sign in with the site's accounts): its name, email and profile replace the form's.",
  })
  @IsOptional()
  @IsString({ message: 'signIn must be the sign-in token the site gave.' })
  @MaxLength(4000, { message: 'signIn must be the sign-in token the site gave.' })
  signIn?: string;

  @ApiPropertyOptional({ description: 'The form token from GET /threads (for the spam checks).' })
  @IsOptional()
  @IsString()
  @MaxLength(500)
  formToken?: string;
}
