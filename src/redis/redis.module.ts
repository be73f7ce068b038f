import { Global, Module } from '@nestjs/common';
import { RedisLink } from './redis-link.js';

/** The one Redis connection (when REDIS_URL is set), for the socket.io adapter, presence and health. */
@Global()
@Module({
  providers: [RedisLink],
  exports: [RedisLink],
})
export class RedisModule {}
