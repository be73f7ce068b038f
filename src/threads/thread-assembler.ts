import { PublicComment, PublicCommentSource, toPublicComment } from './public-comment.js';

/**
 * Nests a page of top-level comments and the replies under them. `replies` must be ordered by
 * sort path (depth-first, oldest first), so every parent precedes its children; a reply whose
 * parent is not in the input (it was not asked for) is left out rather than misplaced.
 */
export function assembleThread(roots: PublicCommentSource[], replies: PublicCommentSource[]): PublicComment[] {
  const byId = new Map<number, PublicComment>();
  const page = roots.map((root) => {
    const node = toPublicComment(root);
    byId.set(node.id, node);
    return node;
  });
  for (const reply of replies) {
    const parent = reply.parentId === null ? undefined : byId.get(reply.parentId);
    if (!parent) continue;
    const node = toPublicComment(reply);
    parent.replies.push(node);
    byId.set(node.id, node);
  }
  return page;
}

/**
 * Ids of the ancestors a set of visible replies needs but which are not visible themselves (removed
 * comments that were answered): read off each reply's sort path.
 */
export function missingAncestorIds(replies: PublicCommentSource[], rootIds: Set<number>): number[] {
  const present = new Set(replies.map((r) => r.id));
  const missing = new Set<number>();
  for (const reply of replies) {
    for (const segment of reply.sortPath.split('.').slice(0, -1)) {
      const id = Number(segment);
      if (!present.has(id) && !rootIds.has(id)) missing.add(id);
    }
  }
  return [...missing];
}

/** Wide enough for any bigint id; the insert in comments.repository.ts pads with the same width. */
export const PATH_DIGITS = 19;

/** A comment's sort path: its parent's path plus its own id, zero-padded so text order is tree order. */
export function sortPathFor(parentPath: string | null, id: number): string {
  const own = String(id).padStart(PATH_DIGITS, '0');
  return parentPath ? `${parentPath}.${own}` : own;
}
