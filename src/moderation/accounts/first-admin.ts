import { mkdir, rm, writeFile } from 'node:fs/promises';
import { resolve } from 'node:path';
import { Inject, Injectable, Logger, OnApplicationBootstrap } from '@nestjs/common';
import type { KolomConfig } from '../../config/config.js';
import { KOLOM_CONFIG } from '../../config/config.module.js';
import { ModeratorsService } from './moderators.service.js';

/** In DATA_DIR, beside the embedded database: only the account Kolom runs as may read it. */
export const FIRST_ADMIN_FILE = 'first-admin-password.txt';

/**
 * A fresh install can be moderated at once: the first start makes an admin. Its password never
 * goes to the log (logs are shipped and kept, often by people who are not admins): it is written
 * to a file only Kolom's own user can read, and the log says where. Under NODE_ENV=test it is
 * written nowhere; tests make their own accounts. Since the file may outlive its purpose (backups,
 * shared volumes), the password is temporary: it opens nothing until the admin chooses their own.
 */
@Injectable()
export class FirstAdmin implements OnApplicationBootstrap {
  private readonly logger = new Logger('Moderation');

  constructor(
    @Inject(KOLOM_CONFIG) private readonly config: KolomConfig,
    private readonly moderators: ModeratorsService,
  ) {}

  async onApplicationBootstrap(): Promise<void> {
    const created = await this.moderators.createFirstAdmin(this.config.adminEmail);
    if (!created || this.config.env === 'test') return;
    const { email } = created.moderator;
    const file = resolve(this.config.dataDir, FIRST_ADMIN_FILE);
    const resetCommand = `npm run kolom -- moderator:password --email ${email}`;
    try {
      await mkdir(this.config.dataDir, { recursive: true, mode: 0o700 });
      // A new file (never one left in place, whoever made it), created 0600: the umask can only narrow it.
      await rm(file, { force: true });
      const note = "Kolom's first admin. This password is temporary: sign in, choose your own, then delete this file.";
      await writeFile(file, `${note}\nemail: ${email}\npassword: ${created.password}\n`, {
        mode: 0o600,
        flag: 'wx',
      });
      this.logger.warn(
        `First admin created: email ${email}, temporary password in ${file} (readable by this user only; ` +
          `the first sign-in asks for a password of the admin's own; delete the file then). ` +
          `Sign in at ${this.config.publicUrl}/moderate; add accounts with: npm run kolom -- moderator:create --email … --role admin|moderator`,
      );
    } catch (error) {
      this.logger.error(
        `First admin created: email ${email}, but its password could not be written to ${file} (${(error as NodeJS.ErrnoException).code ?? 'error'}): ` +
          `give it one with: ${resetCommand}`,
      );
    }
  }
}
