import type { ValueTransformer } from 'typeorm';

/**
 * pg returns int8 as a string to avoid precision loss; comment and article ids stay far below
 * 2^53, so the API can hand readers plain numbers.
 */
export const bigintAsNumber: ValueTransformer = {
  to: (value: number | null | undefined) => value,
  from: (value: string | null) => (value === null ? null : Number(value)),
};
