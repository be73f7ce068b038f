import type { MigrationInterface, QueryRunner } from 'typeorm';

export class SpamClassifier1795603134596 implements MigrationInterface {
  name = 'SpamClassifier1795603134596';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`CREATE TABLE "spam_tokens" ("site_id" integer NOT NULL, "token" text NOT NULL, "spam" integer NOT NULL DEFAULT '0', "ham" integer NOT NULL DEFAULT '0', CONSTRAINT "PK_17bec120f59ea3d0d9ae480f617" PRIMARY KEY ("site_id", "token"))`);
    await queryRunner.query(`CREATE TABLE "spam_corpus" ("site_id" integer NOT NULL, "spam" integer NOT NULL DEFAULT '0', "ham" integer NOT NULL DEFAULT '0', CONSTRAINT "PK_291fa6292c788972effcdc81657" PRIMARY KEY ("site_id"))`);
    await queryRunner.query(`CREATE TABLE "spam_training" ("comment_id" bigint NOT NULL, "site_id" integer NOT NULL, "label" text NOT NULL, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "spam_training_label_known" CHECK ("label" IN ('spam', 'ham')), CONSTRAINT "PK_ae4b3b7f48fe1196e3d6f10ff76" PRIMARY KEY ("comment_id"))`);
    await queryRunner.query(`ALTER TABLE "spam_training" ADD CONSTRAINT "FK_ae4b3b7f48fe1196e3d6f10ff76" FOREIGN KEY ("comment_id") REFERENCES "comments"("id") ON DELETE CASCADE ON UPDATE NO ACTION`);
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE "spam_training" DROP CONSTRAINT "FK_ae4b3b7f48fe1196e3d6f10ff76"`);
    await queryRunner.query(`DROP TABLE "spam_training"`);
    await queryRunner.query(`DROP TABLE "spam_corpus"`);
    await queryRunner.query(`DROP TABLE "spam_tokens"`);
  }
}
