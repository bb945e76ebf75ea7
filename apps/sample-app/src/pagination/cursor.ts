import { HttpStatus } from '@nestjs/common';
import { DomainError } from '@app/errors';

export class InvalidCursorError extends DomainError {
  readonly code = 'invalid-cursor';
  readonly status = HttpStatus.BAD_REQUEST;
  readonly title = 'Invalid Cursor';
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

/**
 * Rows have time-ordered UUIDv7 ids, so the id of the last row is a complete
 * keyset cursor. It is wrapped so clients treat it as opaque.
 */
export function encodeCursor(lastId: string): string {
  return Buffer.from(lastId, 'utf8').toString('base64url');
}

export function decodeCursor(cursor: string | undefined): string | undefined {
  if (cursor === undefined) return undefined;
  const id = Buffer.from(cursor, 'base64url').toString('utf8');
  if (!UUID.test(id)) throw new InvalidCursorError('The cursor is not one this API issued.');
  return id;
}

export interface Page<T> {
  readonly items: readonly T[];
  readonly nextCursor: string | null;
}

/** Given rows fetched with limit + 1, the page and the cursor of the next one. */
export function toPage<Row extends { id: string }, View>(
  rows: Row[],
  limit: number,
  view: (row: Row) => View,
): Page<View> {
  const hasMore = rows.length > limit;
  const pageRows = hasMore ? rows.slice(0, limit) : rows;
  const last = pageRows.at(-1);
  return { items: pageRows.map(view), nextCursor: hasMore && last !== undefined ? encodeCursor(last.id) : null };
}

/**
 * One keyset page, the way every list endpoint reads it: `fetch` gets limit + 1 rows after the
 * cursor's id (the extra row says whether there is a next page), and the page keeps `limit` of them.
 */
export async function fetchPage<Row extends { id: string }, View>(
  limit: number,
  cursor: string | undefined,
  fetch: (take: number, afterId: string | undefined) => Promise<Row[]>,
  view: (row: Row) => View,
): Promise<Page<View>> {
  return toPage(await fetch(limit + 1, decodeCursor(cursor)), limit, view);
}
