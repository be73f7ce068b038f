import { Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import type { CheckedMailToken } from './mail-tokens.js';

/** mail_token_uses: the nonces of single-use links already followed (pruned once they expire). */
@Injectable()
export class MailTokenUses {
  /**
   * Spends a single-use token inside the transaction of the change it pays for: if the change
   * fails, the link still works; if two clicks race, one of them changes anything.
   */
  async spend(manager: EntityManager, token: CheckedMailToken): Promise<boolean> {
    const rows: unknown[] = await manager.query(
      `INSERT INTO mail_token_uses (nonce, expires_at) VALUES ($1, $2) ON CONFLICT (nonce) DO NOTHING RETURNING nonce`,
      [token.nonce, token.expiresAt],
    );
    return rows.length === 1;
  }
}
