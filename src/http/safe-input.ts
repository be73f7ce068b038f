import type { BadRequestException } from '@nestjs/common';
import { fieldError } from './field-error.js';

/**
 * The deepest nesting any request needs is 3 (a join's `own` list of `{id, editToken}`); deeper
 * input only serves to overflow class-transformer's recursion, so it is refused before it gets there.
 */
export const MAX_INPUT_DEPTH = 8;

export const NOT_TEXT_MESSAGE = 'This text holds a character that is not allowed (a NUL byte or a broken UTF-16 surrogate).';
export const TOO_DEEP_MESSAGE = `The request nests deeper than ${MAX_INPUT_DEPTH} levels.`;

/**
 * The one rule every body, query and socket payload passes before any DTO sees it: text that
 * PostgreSQL cannot store as sent (a NUL byte is refused by it, a lone surrogate is stored as
 * U+FFFD, so the answer and the database would differ) and nesting deeper than any form needs.
 * Keys are checked like values. Answers the 400 to throw, or null when the input is fine.
 */
export function unsafeInput(value: unknown, where: string): BadRequestException | null {
  return walk(value, where, 0);
}

function walk(value: unknown, path: string, depth: number): BadRequestException | null {
  if (typeof value === 'string') return isStorableText(value) ? null : fieldError(path, NOT_TEXT_MESSAGE);
  if (value === null || typeof value !== 'object') return null;
  if (depth >= MAX_INPUT_DEPTH) return fieldError(path, TOO_DEEP_MESSAGE);
  for (const [key, inner] of Object.entries(value)) {
    const innerPath = path ? `${path}.${key}` : key;
    if (!isStorableText(key)) return fieldError(path || 'body', NOT_TEXT_MESSAGE);
    const refusal = walk(inner, innerPath, depth + 1);
    if (refusal) return refusal;
  }
  return null;
}

/** In a `u` regex a surrogate pair is one code point, so \p{Cs} finds only the lone halves. */
const LONE_SURROGATE = /\p{Cs}/u;

function isStorableText(text: string): boolean {
  return !text.includes('\u0000') && !LONE_SURROGATE.test(text);
}
