import { fieldError } from './field-error.js';

/**
 * Page cursors: opaque to clients, and tagged with the listing and order they belong to, so a
 * cursor is never read in another one.
 */
export function encodeCursor(tag: string, id: number): string {
  return Buffer.from(`${tag}:${id}`).toString('base64url');
}

export function decodeCursor(cursor: string, tag: string): number {
  const match = /^([a-z-]+):(\d{1,19})$/.exec(Buffer.from(cursor, 'base64url').toString());
  if (!match || match[1] !== tag) throw fieldError('cursor', 'cursor is not one this server handed out for this list and order.');
  return Number(match[2]);
}
