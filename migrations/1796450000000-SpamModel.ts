import type { MigrationInterface, QueryRunner } from 'typeorm';

/** The classifier's regression weights, and what each lesson stepped by, for undoing it; near-duplicate fingerprints. */
export class SpamModel1796450000000 implements MigrationInterface {
  name = 'SpamModel1796450000000';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      `CREATE TABLE "spam_weights" ("site_id" integer NOT NULL, "feature" integer NOT NULL, "weight" double precision NOT NULL DEFAULT '0', "seen" integer NOT NULL DEFAULT '0', CONSTRAINT "PK_spam_weights" PRIMARY KEY ("site_id", "feature"))`,
    );
    await queryRunner.query(`ALTER TABLE "spam_training" ADD "taught" boolean NOT NULL DEFAULT true`);
    await queryRunner.query(`ALTER TABLE "spam_training" ADD "global_step" double precision NOT NULL DEFAULT '0'`);
    await queryRunner.query(`ALTER TABLE "spam_training" ADD "site_step" double precision NOT NULL DEFAULT '0'`);
    await queryRunner.query(`ALTER TABLE "spam_training" ADD "fingerprint" text`);
    await queryRunner.query(`CREATE INDEX "spam_training_duplicates" ON "spam_training" ("site_id", "fingerprint", "label") WHERE taught`);
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP INDEX "spam_training_duplicates"`);
    await queryRunner.query(`ALTER TABLE "spam_training" DROP COLUMN "fingerprint"`);
    await queryRunner.query(`ALTER TABLE "spam_training" DROP COLUMN "site_step"`);
    await queryRunner.query(`ALTER TABLE "spam_training" DROP COLUMN "global_step"`);
    await queryRunner.query(`ALTER TABLE "spam_training" DROP COLUMN "taught"`);
    await queryRunner.query(`DROP TABLE "spam_weights"`);
  }
}
