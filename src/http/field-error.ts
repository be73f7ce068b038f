import { BadRequestException } from '@nestjs/common';

/** A 400 shaped like the validation pipe's, for rules a DTO cannot state: one field, one message. */
export function fieldError(field: string, message: string): BadRequestException {
  return new BadRequestException({ statusCode: 400, error: 'Bad Request', message: [message], fields: { [field]: message } });
}
