import { PublicComment, PublicCommentSource, toPublicComment } from './public-comment.js';
import { ancestorIdsOf } from './sort-path.js';

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
    for (const id of ancestorIdsOf(reply.sortPath)) {
      if (!present.has(id) && !rootIds.has(id)) missing.add(id);
    }
  }
  return [...missing];
}
