import type { MigrationInterface, QueryRunner } from 'typeorm';

export class Bans1795602471594 implements MigrationInterface {
  name = 'Bans1795602471594';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`CREATE TABLE "bans" ("id" bigint GENERATED ALWAYS AS IDENTITY NOT NULL, "site_id" integer NOT NULL, "kind" text NOT NULL, "value" text NOT NULL, "expires_at" TIMESTAMP WITH TIME ZONE, "note" text, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "bans_kind_known" CHECK ("kind" IN ('email', 'domain', 'ip')), CONSTRAINT "PK_a4d6f261bffa4615c62d756566a" PRIMARY KEY ("id"))`);
    await queryRunner.query(`CREATE INDEX "bans_by_site" ON "bans"  ("site_id") `);
    await queryRunner.query(`ALTER TABLE "bans" ADD CONSTRAINT "FK_6fcdfe22f331647578671566163" FOREIGN KEY ("site_id") REFERENCES "sites"("id") ON DELETE CASCADE ON UPDATE NO ACTION`);
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE "bans" DROP CONSTRAINT "FK_6fcdfe22f331647578671566163"`);
    await queryRunner.query(`DROP INDEX "public"."bans_by_site"`);
    await queryRunner.query(`DROP TABLE "bans"`);
  }
}
