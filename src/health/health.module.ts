import { Module } from '@nestjs/common';
import { RealtimeModule } from '../realtime/realtime.module.js';
import { HealthController } from './health.controller.js';
import { HealthService } from './health.service.js';

@Module({
  imports: [RealtimeModule],
  controllers: [HealthController],
  providers: [HealthService],
})
export class HealthModule {}
