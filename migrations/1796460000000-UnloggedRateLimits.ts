import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Rate-limit counters (form token uses, sign-in tries, new articles, likes, privacy requests) are
 * written on every post but worth nothing after a crash: as an unlogged table they write no WAL,
 * so the post's own commit is the only one it waits on the disk for (one flush per post, not two).
 * PostgreSQL empties an unlogged table after a crash, and standbys do not have it: the counters
 * start again from zero there, which costs a spammer's form token at most a few more uses.
 */
export class UnloggedRateLimits1796460000000 implements MigrationInterface {
  name = 'UnloggedRateLimits1796460000000';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE "rate_limits" SET UNLOGGED`);
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE "rate_limits" SET LOGGED`);
  }
}
