import { type ArgumentMetadata, ValidationError, ValidationPipe } from '@nestjs/common';
import { fieldErrors } from './field-error.js';
import { unsafeInput } from './safe-input.js';

/**
 * When a field breaks several rules, the reader sees one message: the first failing rule in this
 * order (required, then type, then length, then format), the order WordPress's form reports them.
 */
const RULE_ORDER = ['whitelistValidation', 'isNotEmpty', 'isDefined', 'isString', 'maxLength', 'minLength'];

function firstMessage(error: ValidationError): string {
  const constraints = error.constraints ?? {};
  const rule = Object.keys(constraints).sort((a, b) => rank(a) - rank(b))[0];
  if (rule === 'whitelistValidation') return `Unknown field "${error.property}".`;
  return constraints[rule] ?? 'This value is not valid.';
}

function rank(rule: string): number {
  const index = RULE_ORDER.indexOf(rule);
  return index === -1 ? RULE_ORDER.length : index;
}

function collect(errors: ValidationError[], prefix = ''): Array<[string, string]> {
  return errors.flatMap((error) => {
    const path = prefix ? `${prefix}.${error.property}` : error.property;
    const own: Array<[string, string]> = error.constraints ? [[path, firstMessage(error)]] : [];
    return [...own, ...collect(error.children ?? [], path)];
  });
}

/**
 * Checks every body, query and route parameter, and every socket payload the gateways validate,
 * with the edge rule (safe-input.ts) before class-transformer touches it.
 */
class EdgeValidationPipe extends ValidationPipe {
  override async transform(value: unknown, metadata: ArgumentMetadata): Promise<unknown> {
    // Input declared `unknown` (a gateway's message body) is checked where it is read as a DTO, by
    // this same pipe: refusing it here would throw before the gateway could acknowledge the error.
    const typed = metadata.metatype !== undefined && metadata.metatype !== Object;
    if (metadata.type !== 'custom' && typed) {
      const refusal = unsafeInput(value, metadata.data ?? '');
      if (refusal) throw refusal;
    }
    return super.transform(value, metadata);
  }
}

/**
 * The global pipe: refuses text PostgreSQL cannot store and input nested too deep, trims and
 * converts through the DTOs' transforms, refuses unknown fields, and answers the 400 `fields` body
 * (see fieldErrors).
 */
export function createValidationPipe(): ValidationPipe {
  return new EdgeValidationPipe({
    transform: true,
    whitelist: true,
    forbidNonWhitelisted: true,
    forbidUnknownValues: true,
    validationError: { target: false, value: false },
    exceptionFactory: (errors) => fieldErrors(Object.fromEntries(collect(errors))),
  });
}
