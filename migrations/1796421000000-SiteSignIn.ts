import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Sign-in with a news site's own accounts: the site's HMAC secret or Ed25519 public key, and on
 * each comment the account that posted it (site-scoped, as the site names it) and its avatar.
 * An account counts for the flood and duplicate checks and for bans, like an email.
 */
export class SiteSignIn1796421000000 implements MigrationInterface {
  name = 'SiteSignIn1796421000000';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE "sites" ADD "sign_in_secret" text`);
    await queryRunner.query(`ALTER TABLE "sites" ADD "sign_in_public_key" text`);
    await queryRunner.query(`ALTER TABLE "comments" ADD "author_account" text`);
    await queryRunner.query(`ALTER TABLE "comments" ADD "author_avatar" text`);
    await queryRunner.query(
      `CREATE INDEX "comments_account_recent" ON "comments" ("site_id", "author_account", "created_at") WHERE "author_account" IS NOT NULL`,
    );
    await queryRunner.query(`ALTER TABLE "bans" DROP CONSTRAINT "bans_kind_known"`);
    await queryRunner.query(`ALTER TABLE "bans" ADD CONSTRAINT "bans_kind_known" CHECK ("kind" IN ('email', 'domain', 'ip', 'account'))`);
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DELETE FROM "bans" WHERE "kind" = 'account'`);
    await queryRunner.query(`ALTER TABLE "bans" DROP CONSTRAINT "bans_kind_known"`);
    await queryRunner.query(`ALTER TABLE "bans" ADD CONSTRAINT "bans_kind_known" CHECK ("kind" IN ('email', 'domain', 'ip'))`);
    await queryRunner.query(`DROP INDEX "comments_account_recent"`);
    await queryRunner.query(`ALTER TABLE "comments" DROP COLUMN "author_avatar"`);
    await queryRunner.query(`ALTER TABLE "comments" DROP COLUMN "author_account"`);
    await queryRunner.query(`ALTER TABLE "sites" DROP COLUMN "sign_in_public_key"`);
    await queryRunner.query(`ALTER TABLE "sites" DROP COLUMN "sign_in_secret"`);
  }
}
