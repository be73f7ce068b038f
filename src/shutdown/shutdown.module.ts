import { Global, Module } from '@nestjs/common';
import { ShutdownService } from './shutdown.service.js';

/** What a node does when it is asked to stop, and whether it is stopping (for /health and new connections). */
@Global()
@Module({
  providers: [ShutdownService],
  exports: [ShutdownService],
})
export class ShutdownModule {}
