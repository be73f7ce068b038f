import type { MigrationInterface, QueryRunner } from 'typeorm';

/** A reporter's dismissed reports are read on every report they make (their weight): by index, not by scanning the site's flags. */
export class FlagReporterRecord1796412046562 implements MigrationInterface {
  name = 'FlagReporterRecord1796412046562';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`CREATE INDEX "flags_reporter_resolved" ON "flags" ("site_id", "fingerprint") WHERE "resolved_at" IS NOT NULL`);
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP INDEX "public"."flags_reporter_resolved"`);
  }
}
