import type { PublicCommentSource } from './public-comment.js';
import { assembleThread, missingAncestorIds } from './thread-assembler.js';
import { sortPathFor } from './sort-path.js';

function row(id: number, parent: PublicCommentSource | null, status: PublicCommentSource['status'] = 'approved'): PublicCommentSource {
  return {
    id,
    articleId: 1,
    parentId: parent?.id ?? null,
    replyToId: parent?.id ?? null,
    depth: (parent?.depth ?? 0) + 1,
    sortPath: sortPathFor(parent?.sortPath ?? null, id),
    authorName: `author ${id}`,
    authorWebsite: null,
    authorAvatar: null,
    staff: false,
    pinnedAt: null,
    editorsPick: false,
    moderatorEditedAt: null,
    body: `comment ${id}`,
    status,
    createdAt: new Date(2026, 0, 1, 0, 0, id),
    editedAt: null,
    likeCount: 0,
  };
}

const bySortPath = (rows: PublicCommentSource[]) => [...rows].sort((a, b) => (a.sortPath < b.sortPath ? -1 : 1));
const shape = (nodes: ReturnType<typeof assembleThread>): unknown => nodes.map((n) => [n.id, shape(n.replies)]);

describe('thread assembly', () => {
  it('nests replies under their parents, oldest first, whatever order ids were assigned across trees', () => {
    const a = row(1, null);
    const b = row(2, null);
    const a1 = row(3, a);
    const b1 = row(4, b);
    const a1x = row(5, a1);
    const a2 = row(6, a);
    const tree = assembleThread([a, b], bySortPath([a1, b1, a1x, a2]));
    expect(shape(tree)).toEqual([
      [
        1,
        [
          [3, [[5, []]]],
          [6, []],
        ],
      ],
      [2, [[4, []]]],
    ]);
  });

  it('sort paths order a tree depth-first, even when ids grow past a digit', () => {
    const root = row(9, null);
    const early = row(10, root);
    const late = row(100, root);
    const underEarly = row(1000, early);
    expect(bySortPath([late, underEarly, early]).map((r) => r.id)).toEqual([10, 1000, 100]);
  });

  it('leaves out a reply whose parent was not asked for instead of misplacing it', () => {
    const root = row(1, null);
    const stray = row(3, row(2, row(7, null)));
    expect(shape(assembleThread([root], [stray]))).toEqual([[1, []]]);
  });

  it('shows a removed comment with visible replies as a placeholder without author or text', () => {
    const root = row(1, null);
    const removed = row(2, root, 'deleted');
    const answer = row(3, removed);
    const [node] = assembleThread([root], bySortPath([removed, answer]));
    expect(node.replies[0]).toMatchObject({ id: 2, removed: true, author: null, body: null });
    expect(node.replies[0].replies[0]).toMatchObject({ id: 3, removed: false, body: 'comment 3' });
  });

  it('finds the removed ancestors that visible replies need', () => {
    const root = row(1, null);
    const removed = row(2, root, 'trash');
    const answer = row(3, removed);
    expect(missingAncestorIds([answer], new Set([1]))).toEqual([2]);
    expect(missingAncestorIds([removed, answer], new Set([1]))).toEqual([]);
  });
});
