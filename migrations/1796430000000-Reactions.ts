import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Readers' likes (src/reactions). One row per reader per comment, the reader known only by a keyed
 * hash of their network as flags know them; the count kept beside the comment in the same
 * transaction, so a thread page reads a column and never counts rows. Updating `like_count` fires
 * neither the outbox trigger (it watches status and text) nor the mail trigger (status only).
 *
 * `thread_rankings` holds the order of an article's top-level comments when a reader opened its
 * "top" sort, so the pages after the first follow that order however likes move meanwhile
 * (threads.service.ts); a day later nobody is still paging through it, and it is deleted.
 */
export class Reactions1796430000000 implements MigrationInterface {
  name = 'Reactions1796430000000';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE "comments" ADD "like_count" integer NOT NULL DEFAULT 0`);
    await queryRunner.query(`CREATE TABLE "comment_reactions" (
      "comment_id" bigint NOT NULL,
      "reactor" text NOT NULL,
      "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
      CONSTRAINT "PK_comment_reactions" PRIMARY KEY ("comment_id", "reactor"),
      CONSTRAINT "FK_comment_reactions_comment" FOREIGN KEY ("comment_id") REFERENCES "comments"("id") ON DELETE CASCADE
    )`);
    await queryRunner.query(`CREATE TABLE "thread_rankings" (
      "id" bigint GENERATED ALWAYS AS IDENTITY NOT NULL,
      "article_id" bigint NOT NULL,
      "root_ids" bigint[] NOT NULL,
      "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
      CONSTRAINT "PK_thread_rankings" PRIMARY KEY ("id"),
      CONSTRAINT "FK_thread_rankings_article" FOREIGN KEY ("article_id") REFERENCES "articles"("id") ON DELETE CASCADE
    )`);
    await queryRunner.query(`CREATE INDEX "thread_rankings_age" ON "thread_rankings" ("created_at")`);
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP TABLE "thread_rankings"`);
    await queryRunner.query(`DROP TABLE "comment_reactions"`);
    await queryRunner.query(`ALTER TABLE "comments" DROP COLUMN "like_count"`);
  }
}
