import { Controller, Get, Res } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import type { Response } from 'express';
import { type Health, HealthService } from './health.service.js';

@ApiTags('health')
@Controller('health')
export class HealthController {
  constructor(private readonly health: HealthService) {}

  /**
   * Liveness: the process answers. An orchestrator restarts a node that stops answering this, and
   * must not restart one only because PostgreSQL is away (every node would restart together).
   */
  @Get('live')
  live(@Res({ passthrough: true }) response: Response): { status: 'alive' } {
    response.setHeader('Cache-Control', 'no-store');
    return { status: 'alive' };
  }

  /** Readiness: the same answer as /health; a balancer sends traffic only while it is 200. */
  @Get('ready')
  ready(@Res({ passthrough: true }) response: Response): Promise<Health> {
    return this.check(response);
  }

  /** 200 while the database answers (the body says what is degraded); 503 without it, or while stopping. */
  @Get()
  async check(@Res({ passthrough: true }) response: Response): Promise<Health> {
    const health = await this.health.check();
    response.status(health.status === 'error' || health.status === 'stopping' ? 503 : 200);
    response.setHeader('Cache-Control', 'no-store');
    return health;
  }
}
