import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';

/**
 * Every refusal's body, for the OpenAPI document: the status again, its name, the message (or the
 * messages, in the form's order), and, for a form, the message beside each field.
 */
export class ErrorAnswer {
  @ApiProperty({ example: 400 })
  statusCode: number;

  @ApiPropertyOptional({
    example: 'Bad Request',
    description: "The status's name; absent from a few refusals made before Kolom reads the request (a body over the limit).",
  })
  error?: string;

  @ApiProperty({ oneOf: [{ type: 'string' }, { type: 'array', items: { type: 'string' } }], example: ['Please fill the required fields.'] })
  message: string | string[];

  @ApiPropertyOptional({ type: 'object', additionalProperties: { type: 'string' }, example: { email: 'Please fill the required fields.' } })
  fields?: Record<string, string>;

  @ApiPropertyOptional({ description: 'A machine-readable reason, where a client acts on it (password-change-required, sign-in-expired…).' })
  code?: string;
}
