/**
 * A comment's sort path is its ancestors' ids and its own, each zero-padded to one width and joined
 * by dots, so that text order is tree order (depth-first, oldest first) and one index serves every
 * thread page. The format lives here alone: in TypeScript for seeds and tests, in SQL for the insert.
 */

/** Wide enough for any bigint id. */
export const PATH_DIGITS = 19;

/** A comment's sort path: its parent's path plus its own id. */
export function sortPathFor(parentPath: string | null, id: number): string {
  const own = String(id).padStart(PATH_DIGITS, '0');
  return parentPath ? `${parentPath}.${own}` : own;
}

/** The same path computed by PostgreSQL, from SQL expressions for the parent's path (NULL at the top) and the id. */
export function sortPathSql(parentPath: string, id: string): string {
  return `COALESCE(${parentPath} || '.', '') || lpad((${id})::text, ${PATH_DIGITS}, '0')`;
}

/** The ids of a comment's ancestors, read off its path, outermost first. */
export function ancestorIdsOf(sortPath: string): number[] {
  return sortPath.split('.').slice(0, -1).map(Number);
}
