import { Module } from '@nestjs/common';
import { HousekeepingRepository } from './housekeeping.repository.js';
import { HousekeepingService } from './housekeeping.service.js';

/** Retention: spam and trash purged, addresses erased, the live outbox trimmed (HousekeepingService). */
@Module({
  providers: [HousekeepingRepository, HousekeepingService],
  exports: [HousekeepingService],
})
export class HousekeepingModule {}
