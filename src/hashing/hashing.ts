import { createHash, timingSafeEqual } from 'node:crypto';

/** What Kolom stores in place of a secret it must recognise later (session and edit tokens). */
export function sha256(value: string): string {
  return createHash('sha256').update(value).digest('base64url');
}

/** Compares secrets without letting the time taken reveal how many leading characters matched. */
export function constantTimeEqual(a: string, b: string): boolean {
  const left = Buffer.from(a);
  const right = Buffer.from(b);
  return left.length === right.length && timingSafeEqual(left, right);
}
