import type { DataSource } from 'typeorm';
import type { CommentStatus } from '../../src/threads/comment-status.js';
import { duplicateKey } from '../../src/threads/duplicate-key.js';
import { sortPathSql } from '../../src/threads/sort-path.js';

/** One seeded comment: what differs from the comment it copies. */
export interface SeedRow {
  body: string;
  status: CommentStatus;
  email: string;
}

/**
 * Top-level comments as a post would store them, hundreds or thousands in one statement, for a test
 * that needs a long thread or a full queue and not the posts that would make it: each is a copy of
 * an already posted comment (its site, article, author name and edit token) with its own text,
 * status and email. The ids come from the table's sequence and the sort paths from the same SQL the
 * post uses; the outbox trigger fires for each row, as for a post. Answers the new ids, in order.
 */
export async function seedComments(dataSource: DataSource, like: { id: number }, rows: SeedRow[]): Promise<number[]> {
  const [{ author_name: name }] = await dataSource.query('SELECT author_name FROM comments WHERE id = $1', [like.id]);
  const inserted: Array<{ id: string }> = await dataSource.query(
    `WITH rows AS (
       SELECT nextval(pg_get_serial_sequence('comments', 'id')) AS id, r.body, r.duplicate_key, r.status, r.email, r.n
         FROM unnest($2::text[], $3::text[], $4::text[], $5::text[]) WITH ORDINALITY AS r(body, duplicate_key, status, email, n)
        ORDER BY r.n
     )
     INSERT INTO comments (id, site_id, article_id, root_id, depth, sort_path, author_name, author_email, body, duplicate_key, status, edit_token_hash)
     SELECT rows.id, c.site_id, c.article_id, rows.id, 1, ${sortPathSql('NULL::text', 'rows.id')}, c.author_name, rows.email,
            rows.body, rows.duplicate_key, rows.status, c.edit_token_hash
       FROM rows, comments c WHERE c.id = $1
      ORDER BY rows.n
     RETURNING id`,
    [like.id, rows.map((r) => r.body), rows.map((r) => duplicateKey(name, r.body)), rows.map((r) => r.status), rows.map((r) => r.email)],
  );
  return inserted.map((row) => Number(row.id)).sort((x, y) => x - y);
}
