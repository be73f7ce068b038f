import type { TransformFnParams } from 'class-transformer';

/** Values are trimmed, so a whitespace-only field counts as empty, as in WordPress. */
export const trim = ({ value }: TransformFnParams): unknown => (typeof value === 'string' ? value.trim() : value);

/** An optional field left blank is absent, not an empty string to validate. */
export const trimOptional = ({ value }: TransformFnParams): unknown => {
  if (typeof value !== 'string') return value;
  const trimmed = value.trim();
  return trimmed === '' ? undefined : trimmed;
};
