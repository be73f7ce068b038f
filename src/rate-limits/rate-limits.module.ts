import { Module } from '@nestjs/common';
import { RateLimits } from './rate-limits.js';

/** Counters shared by every node (the `rate_limits` table), for any module that refuses repeats. */
@Module({
  providers: [RateLimits],
  exports: [RateLimits],
})
export class RateLimitsModule {}
