import { BadRequestException } from '@nestjs/common';

/**
 * The 400 a form shows beside its fields: `fields` maps each field to its message, and `message`
 * lists every message once for a client that shows only a summary. The validation pipe answers
 * with it, and so does every rule a DTO cannot state.
 */
export function fieldErrors(fields: Record<string, string>): BadRequestException {
  return new BadRequestException({ statusCode: 400, error: 'Bad Request', message: [...new Set(Object.values(fields))], fields });
}

/** One field, one message. */
export function fieldError(field: string, message: string): BadRequestException {
  return fieldErrors({ [field]: message });
}
