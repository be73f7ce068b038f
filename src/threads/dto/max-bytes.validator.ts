import { registerDecorator, ValidationOptions } from 'class-validator';
import { utf8Bytes } from '../form-checks.js';

/** At most `limit` bytes of UTF-8: WordPress's limits are its columns' sizes, not characters. */
export function MaxUtf8Bytes(limit: number, options?: ValidationOptions): PropertyDecorator {
  return (target, propertyName) =>
    registerDecorator({
      // Named maxLength so the pipe ranks it where it ranks a length rule (after required and type).
      name: 'maxLength',
      target: target.constructor,
      propertyName: propertyName as string,
      constraints: [limit],
      options,
      validator: { validate: (value: unknown) => typeof value !== 'string' || utf8Bytes(value) <= limit },
    });
}
