import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * A password someone else set (the first start's generated one, an admin's for a new account) is
 * temporary: the account must choose its own before it can do anything else. Accounts that exist
 * already keep working as they did.
 */
export class ModeratorPasswordChange1796409810461 implements MigrationInterface {
  name = 'ModeratorPasswordChange1796409810461';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE "moderators" ADD "must_change_password" boolean NOT NULL DEFAULT false`);
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE "moderators" DROP COLUMN "must_change_password"`);
  }
}
