import { Global, Module } from '@nestjs/common';
import { Shutdown } from './shutdown.service.js';

/** What a node does when it is asked to stop, and whether it is stopping (for /health and new connections). */
@Global()
@Module({
  providers: [Shutdown],
  exports: [Shutdown],
})
export class ShutdownModule {}
