import { Inject, Injectable, Logger, OnApplicationBootstrap, OnModuleDestroy } from '@nestjs/common';
import { ChannelListener } from '../../database/channel-listener.js';
import { DATABASE_TARGET } from '../../database/database.module.js';
import type { DatabaseTarget } from '../../database/database-target.js';
import { ENDED_SESSIONS_CHANNEL, parseEndedSessions } from './ended-sessions.js';

/**
 * Hears the sessions ended anywhere (another node, the CLI's moderator:password) on a PostgreSQL
 * connection of its own, and passes their ids to whoever closes live connections. While that
 * connection is down, the gateway's periodic recheck is what closes them.
 */
@Injectable()
export class EndedSessionsListener implements OnApplicationBootstrap, OnModuleDestroy {
  private readonly logger = new Logger('EndedSessions');
  private readonly handlers: Array<(sessionIds: number[]) => void> = [];
  private readonly listener: ChannelListener;

  constructor(@Inject(DATABASE_TARGET) private readonly database: DatabaseTarget) {
    this.listener = new ChannelListener(database.url, ENDED_SESSIONS_CHANNEL, 'kolom-sessions-listener', {
      notified: (payload) => {
        const ids = parseEndedSessions(payload);
        if (ids.length > 0) for (const handler of this.handlers) handler(ids);
      },
      listening: () => undefined,
      lost: (error, first) => {
        if (first) this.logger.warn(`not hearing of ended sessions (${error?.message ?? 'connection closed'}): reconnecting`);
      },
    });
  }

  onEnded(handler: (sessionIds: number[]) => void): void {
    this.handlers.push(handler);
  }

  onApplicationBootstrap(): void {
    // The embedded database has one process: nobody else can end a session behind its back.
    if (!this.database.embedded) this.listener.start();
  }

  onModuleDestroy(): Promise<void> {
    return this.listener.stop();
  }
}
