import { ApiProperty } from '@nestjs/swagger';
import type { Health } from './health.service.js';

/** What /health and /health/ready answer, for the OpenAPI document (Health says what each part means). */
export class HealthAnswer implements Health {
  @ApiProperty({
    enum: ['ok', 'degraded', 'error', 'stopping'],
    description: '`degraded`: Redis or the commit listener is away, the node still serves (200). `error` (no database) and `stopping` answer 503.',
  })
  status: Health['status'];

  @ApiProperty({
    type: 'object',
    properties: {
      database: { type: 'object', properties: { status: { type: 'string', enum: ['up', 'down'] } } },
      redis: { type: 'object', properties: { status: { type: 'string', enum: ['off', 'up', 'degraded'] }, since: { type: 'string', format: 'date-time' } } },
      commitListener: {
        type: 'object',
        properties: { status: { type: 'string', enum: ['off', 'listening', 'reconnecting'] }, since: { type: 'string', format: 'date-time' } },
      },
      mail: {
        type: 'object',
        properties: {
          status: { type: 'string', enum: ['off', 'on'] },
          queued: { type: 'integer', nullable: true },
          failed: { type: 'integer', nullable: true },
        },
      },
    },
  })
  checks: Health['checks'];
}

export class LivenessAnswer {
  @ApiProperty({ enum: ['alive'] })
  status: 'alive';
}
