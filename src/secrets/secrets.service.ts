import { createHmac, randomBytes } from 'node:crypto';
import { Inject, Injectable, OnModuleInit } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { Repository } from 'typeorm';
import type { KolomConfig } from '../config/config.js';
import { KOLOM_CONFIG } from '../config/config.module.js';
import { constantTimeEqual } from '../hashing/hashing.js';
import { InstanceSecret } from './instance-secret.entity.js';

const SIGNING_KEY = 'signing-key';

/** Signs and checks the tokens Kolom hands out (form tokens, edit tokens). */
@Injectable()
export class SecretsService implements OnModuleInit {
  private key: Buffer;

  constructor(
    @Inject(KOLOM_CONFIG) private readonly config: KolomConfig,
    @InjectRepository(InstanceSecret) private readonly secrets: Repository<InstanceSecret>,
  ) {}

  async onModuleInit(): Promise<void> {
    this.key = Buffer.from(this.config.secret ?? (await this.storedKey()), 'utf8');
  }

  /** A keyed hash, separated by purpose so a token of one kind never passes as another. */
  mac(purpose: string, data: string): string {
    return createHmac('sha256', this.key).update(`${purpose}\0${data}`).digest('base64url');
  }

  macMatches(purpose: string, data: string, mac: string): boolean {
    return constantTimeEqual(this.mac(purpose, data), mac);
  }

  /** Generated on the first start and shared through the database by every node. */
  private async storedKey(): Promise<string> {
    await this.secrets
      .createQueryBuilder()
      .insert()
      .values({ name: SIGNING_KEY, value: randomBytes(32).toString('base64url') })
      .orIgnore()
      .execute();
    return (await this.secrets.findOneByOrFail({ name: SIGNING_KEY })).value;
  }
}
