import type { MigrationInterface, QueryRunner } from 'typeorm';
import { duplicateKey } from '../src/threads/duplicate-key.js';

const BATCH = 1000;

/**
 * The duplicate check compares the author's name and the text as WordPress does (case and accents
 * ignored, spacing not; duplicate-key.ts) instead of the text with case and runs of whitespace
 * ignored: the column is renamed for what it now holds, and every comment's key is computed again.
 * Only the key changes, so the outbox trigger sends nothing.
 */
export class DuplicateKey1796409956000 implements MigrationInterface {
  name = 'DuplicateKey1796409956000';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP INDEX "comments_duplicates"`);
    await queryRunner.query(`ALTER TABLE "comments" RENAME COLUMN "body_hash" TO "duplicate_key"`);
    let after = 0;
    for (;;) {
      const rows: Array<{ id: string; author_name: string; body: string }> = await queryRunner.query(
        `SELECT id, author_name, body FROM "comments" WHERE id > $1 ORDER BY id LIMIT ${BATCH}`,
        [after],
      );
      if (rows.length === 0) break;
      await queryRunner.query(
        `UPDATE "comments" SET duplicate_key = v.key FROM unnest($1::bigint[], $2::text[]) AS v(id, key) WHERE "comments".id = v.id`,
        [rows.map((r) => r.id), rows.map((r) => duplicateKey(r.author_name, r.body))],
      );
      after = Number(rows[rows.length - 1].id);
    }
    await queryRunner.query(`CREATE INDEX "comments_duplicates" ON "comments" ("article_id", "duplicate_key") `);
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    // The earlier key (lower case, whitespace runs as one space) is not computed again: a comment
    // posted after a rollback is compared against keys of the new kind, which can only miss a duplicate.
    await queryRunner.query(`DROP INDEX "comments_duplicates"`);
    await queryRunner.query(`ALTER TABLE "comments" RENAME COLUMN "duplicate_key" TO "body_hash"`);
    await queryRunner.query(`CREATE INDEX "comments_duplicates" ON "comments" ("article_id", "body_hash") `);
  }
}
