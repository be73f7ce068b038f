import { Controller, Get, Res } from '@nestjs/common';
import { ApiOkResponse, ApiServiceUnavailableResponse, ApiTags } from '@nestjs/swagger';
import { HealthAnswer, LivenessAnswer } from './health-answer.js';
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
  @ApiOkResponse({ type: LivenessAnswer, description: 'The process answers; never depends on the database.' })
  live(@Res({ passthrough: true }) response: Response): { status: 'alive' } {
    response.setHeader('Cache-Control', 'no-store');
    return { status: 'alive' };
  }

  /** Readiness: the same answer as /health; a balancer sends traffic only while it is 200. */
  @Get('ready')
  @ApiOkResponse({ type: HealthAnswer, description: 'Ready: `ok`, or `degraded` (Redis or the commit listener away; still serving).' })
  @ApiServiceUnavailableResponse({ type: HealthAnswer, description: 'Not ready: no database (`error`), or stopping (`stopping`).' })
  ready(@Res({ passthrough: true }) response: Response): Promise<Health> {
    return this.check(response);
  }

  /** 200 while the database answers (the body says what is degraded); 503 without it, or while stopping. */
  @Get()
  @ApiOkResponse({ type: HealthAnswer, description: 'The node can serve: `ok`, or `degraded` (Redis or the commit listener away).' })
  @ApiServiceUnavailableResponse({ type: HealthAnswer, description: 'The node cannot serve: no database (`error`), or stopping (`stopping`).' })
  async check(@Res({ passthrough: true }) response: Response): Promise<Health> {
    const health = await this.health.check();
    response.status(health.status === 'error' || health.status === 'stopping' ? 503 : 200);
    response.setHeader('Cache-Control', 'no-store');
    return health;
  }
}
