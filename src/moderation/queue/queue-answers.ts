import { ApiProperty } from '@nestjs/swagger';
import { BAN_KINDS, type BanKind } from '../../spam/ban-kinds.js';
import { COMMENT_STATUSES, type CommentStatus } from '../../threads/comment-status.js';
import type * as Answers from '../moderation-answers.js';
import type * as Queues from './queue.js';
import { QUEUES, type Queue } from './queue.js';
import type * as QueueService from './queue.service.js';

/* The queue routes' answers, for the OpenAPI document: the shapes are queue.ts's and moderation-answers.ts's. */

/** Counts by comment status; a status without comments may be left out. */
const BY_STATUS = Object.fromEntries(COMMENT_STATUSES.map((status) => [status, { type: 'integer' as const }]));

export class QueueItem implements Queues.QueueItem {
  @ApiProperty()
  id: number;

  @ApiProperty({ type: 'object', properties: { id: { type: 'integer' }, slug: { type: 'string' } } })
  site: { id: number; slug: string };

  @ApiProperty({ enum: COMMENT_STATUSES })
  status: CommentStatus;

  @ApiProperty({ enum: QUEUES, nullable: true, description: 'The queue it is in now; null once approved with no open flags (or deleted by its author).' })
  queue: Queue | null;

  @ApiProperty()
  body: string;

  @ApiProperty({
    type: 'object',
    properties: {
      name: { type: 'string' },
      email: { type: 'string' },
      website: { type: 'string', nullable: true },
      ip: { type: 'string', nullable: true },
      userAgent: { type: 'string', nullable: true },
      verified: { type: 'boolean', description: 'The author proved the address through an emailed link.' },
    },
    description: 'Private fields included: for moderators only.',
  })
  author: Queues.QueueItem['author'];

  @ApiProperty({ format: 'date-time' })
  createdAt: string;

  @ApiProperty({ type: String, format: 'date-time', nullable: true })
  editedAt: string | null;

  @ApiProperty({ type: String, nullable: true, description: "The text before the author's last edit." })
  editedFrom: string | null;

  @ApiProperty({
    type: 'object',
    properties: { staff: { type: 'boolean' }, pinned: { type: 'boolean' }, editorsPick: { type: 'boolean' }, editedByModerator: { type: 'boolean' } },
  })
  newsroom: Queues.QueueItem['newsroom'];

  @ApiProperty({
    type: 'object',
    properties: { id: { type: 'integer' }, url: { type: 'string' }, title: { type: 'string', nullable: true }, open: { type: 'boolean' } },
  })
  article: Queues.QueueItem['article'];

  @ApiProperty({
    type: 'object',
    nullable: true,
    properties: { id: { type: 'integer' }, authorName: { type: 'string' }, body: { type: 'string' }, status: { type: 'string', enum: [...COMMENT_STATUSES] } },
    description: 'The comment it answers, when it is a reply.',
  })
  parent: Queues.QueueItem['parent'];

  @ApiProperty({
    type: 'object',
    properties: { score: { type: 'number', nullable: true }, reasons: { type: 'array', items: { type: 'string' } } },
    description: 'What the spam checks found, each reason as "check: what it found".',
  })
  verdict: Queues.QueueItem['verdict'];

  @ApiProperty({
    type: 'object',
    properties: {
      count: { type: 'integer' },
      reasons: { type: 'object', additionalProperties: { type: 'integer' } },
      notes: { type: 'array', items: { type: 'string' } },
    },
    description: "Readers' reports not yet decided on.",
  })
  flags: Queues.QueueItem['flags'];

  @ApiProperty({ type: 'object', properties: BY_STATUS, description: "The author's comments on this site, by status." })
  record: Queues.QueueItem['record'];
}

export class QueuePage implements QueueService.QueuePage {
  @ApiProperty({ type: [QueueItem] })
  items: QueueItem[];

  @ApiProperty({ type: String, nullable: true, description: 'Pass as `cursor` for the next page; null on the last.' })
  nextCursor: string | null;
}

export class QueueCounts implements Record<Queue, number> {
  @ApiProperty()
  pending: number;

  @ApiProperty({ description: 'Approved comments with reports not yet decided on.' })
  flagged: number;

  @ApiProperty()
  spam: number;

  @ApiProperty()
  trash: number;
}

export class ActionResult implements Answers.ActionResult {
  @ApiProperty({
    type: 'array',
    items: {
      type: 'object',
      properties: { id: { type: 'integer' }, from: { type: 'string', enum: [...COMMENT_STATUSES] }, to: { type: 'string', enum: [...COMMENT_STATUSES] } },
    },
  })
  changed: Array<{ id: number; from: CommentStatus; to: CommentStatus }>;

  @ApiProperty({
    type: 'array',
    items: { type: 'object', properties: { id: { type: 'integer' }, status: { type: 'string', enum: [...COMMENT_STATUSES] }, reason: { type: 'string' } } },
    description: 'Asked for, but already where the action would put them (another moderator was quicker).',
  })
  unchanged: Array<{ id: number; status: CommentStatus; reason: string }>;

  @ApiProperty({
    type: 'array',
    items: {
      type: 'object',
      properties: { id: { type: 'integer' }, kind: { type: 'string', enum: [...BAN_KINDS] }, value: { type: 'string' }, created: { type: 'boolean' } },
    },
    description: 'Bans the action made (spam with `ban`).',
  })
  bans: Array<{ id: number; kind: BanKind; value: string; created: boolean }>;
}

export class SingleActionAnswer extends ActionResult {
  @ApiProperty({ type: QueueItem, description: 'The comment as it is now.' })
  item: QueueItem;
}
