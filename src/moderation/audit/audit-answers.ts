import { ApiProperty } from '@nestjs/swagger';
import { AUDIT_ACTIONS, type AuditAction } from '../moderation-answers.js';
import type * as Answers from '../moderation-answers.js';
import type * as Audit from './audit-log.js';

/** An entry of the audit log, for the OpenAPI document. */
export class PublicAuditEntry implements Answers.PublicAuditEntry {
  @ApiProperty()
  id: number;

  @ApiProperty({ format: 'date-time' })
  at: string;

  @ApiProperty({ enum: AUDIT_ACTIONS })
  action: AuditAction;

  @ApiProperty({
    type: 'object',
    nullable: true,
    properties: { id: { type: 'integer' }, email: { type: 'string' } },
    description: "Null when Kolom acted by itself (reader flags, an author's edit judged again).",
  })
  moderator: { id: number; email: string } | null;

  @ApiProperty({ type: Number, nullable: true })
  siteId: number | null;

  @ApiProperty({ type: Number, nullable: true })
  commentId: number | null;

  @ApiProperty({ type: Number, nullable: true })
  articleId: number | null;

  @ApiProperty({ type: String, nullable: true, description: 'The status before, for a comment action.' })
  from: string | null;

  @ApiProperty({ type: String, nullable: true })
  to: string | null;

  @ApiProperty({ type: String, nullable: true })
  note: string | null;

  @ApiProperty({ type: 'object', additionalProperties: true, description: 'What else the action recorded (a ban, settings before and after…).' })
  detail: Record<string, unknown>;
}

export class AuditPage implements Audit.AuditPage {
  @ApiProperty({ type: [PublicAuditEntry] })
  entries: PublicAuditEntry[];

  @ApiProperty({ type: String, nullable: true })
  nextCursor: string | null;
}
