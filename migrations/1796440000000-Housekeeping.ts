import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Indexes for housekeeping (src/housekeeping): finding spam and trash due for purging, comments
 * still holding an IP address or user agent, and outbox events past the replay horizon, each
 * without reading the whole table. `comments_children` also serves the ON DELETE CASCADE of
 * `parent_id`, which otherwise scans every comment for each one deleted.
 */
export class Housekeeping1796440000000 implements MigrationInterface {
  name = 'Housekeeping1796440000000';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`CREATE INDEX "comments_children" ON "comments" ("parent_id") WHERE "parent_id" IS NOT NULL`);
    await queryRunner.query(`CREATE INDEX "comments_purgeable" ON "comments" ("site_id", "updated_at") WHERE "status" IN ('spam', 'trash')`);
    await queryRunner.query(
      `CREATE INDEX "comments_addresses_kept" ON "comments" ("site_id", "created_at") WHERE "ip" IS NOT NULL OR "user_agent" IS NOT NULL`,
    );
    await queryRunner.query(`CREATE INDEX "article_events_age" ON "article_events" ("created_at", "id")`);
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    for (const index of ['article_events_age', 'comments_addresses_kept', 'comments_purgeable', 'comments_children']) {
      await queryRunner.query(`DROP INDEX "${index}"`);
    }
  }
}
