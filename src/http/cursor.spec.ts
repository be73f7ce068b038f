import { BadRequestException } from '@nestjs/common';
import { decodeCursor, pageOf, rowsToRead } from './cursor.js';

describe('keyset pages', () => {
  const rows = (count: number) => Array.from({ length: count }, (_, index) => ({ id: 10 + index }));

  it('a page with more rows behind it hands out a cursor that continues after its last item', () => {
    const page = pageOf(rows(rowsToRead(3)), 3, 'newest', (row) => row.id);
    expect(page.items.map((row) => row.id)).toEqual([10, 11, 12]);
    expect(decodeCursor(page.nextCursor!, 'newest')).toBe(12);
  });

  it('the last page has no cursor, even when it is exactly full', () => {
    expect(pageOf(rows(3), 3, 'newest', (row) => row.id)).toEqual({ items: rows(3), nextCursor: null });
    expect(pageOf([], 3, 'newest', (row: { id: number }) => row.id)).toEqual({ items: [], nextCursor: null });
  });

  it('a cursor handed out for one list and order is refused by another', () => {
    const { nextCursor } = pageOf(rows(4), 3, 'newest', (row) => row.id);
    expect(() => decodeCursor(nextCursor!, 'oldest')).toThrow(BadRequestException);
  });
});
