import { Inject, Injectable, Logger, OnApplicationBootstrap } from '@nestjs/common';
import type { KolomConfig } from '../../config/config.js';
import { KOLOM_CONFIG } from '../../config/config.module.js';
import { ModeratorsService } from './moderators.service.js';

/** A fresh install can be moderated at once: the first start makes an admin and says its password, once. */
@Injectable()
export class FirstAdmin implements OnApplicationBootstrap {
  private readonly logger = new Logger('Moderation');

  constructor(
    @Inject(KOLOM_CONFIG) private readonly config: KolomConfig,
    private readonly moderators: ModeratorsService,
  ) {}

  async onApplicationBootstrap(): Promise<void> {
    const created = await this.moderators.createFirstAdmin(this.config.adminEmail);
    if (!created) return;
    this.logger.warn(
      `First admin created: email ${created.moderator.email}, password ${created.password} ` +
        `(shown this once; sign in at ${this.config.publicUrl}/api/v1/moderation/login, ` +
        `add accounts with: npm run kolom -- moderator:create --email … --role admin|moderator)`,
    );
  }
}
