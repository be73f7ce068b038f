import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager } from 'typeorm';

/** A reader's address on one site, and what it proved. */
export interface ReaderAddress {
  id: number;
  siteId: number;
  email: string;
  verifiedAt: Date | null;
  confirmationSentAt: Date | null;
  unsubscribedAt: Date | null;
}

interface AddressRow {
  id: string;
  site_id: number;
  email: string;
  verified_at: Date | null;
  confirmation_sent_at: Date | null;
  unsubscribed_at: Date | null;
}

const COLUMNS = 'id, site_id, email, verified_at, confirmation_sent_at, unsubscribed_at';

function toAddress(row: AddressRow | undefined): ReaderAddress | null {
  if (!row) return null;
  return {
    id: Number(row.id),
    siteId: row.site_id,
    email: row.email,
    verifiedAt: row.verified_at,
    confirmationSentAt: row.confirmation_sent_at,
    unsubscribedAt: row.unsubscribed_at,
  };
}

/** reader_addresses: one row per site and address that asked for mail or proved itself. */
@Injectable()
export class ReaderAddresses {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  async find(siteId: number, email: string, manager: EntityManager = this.dataSource.manager): Promise<ReaderAddress | null> {
    const [row] = await manager.query(`SELECT ${COLUMNS} FROM reader_addresses WHERE site_id = $1 AND email = $2`, [siteId, email]);
    return toAddress(row);
  }

  async findById(id: number, manager: EntityManager = this.dataSource.manager): Promise<ReaderAddress | null> {
    const [row] = await manager.query(`SELECT ${COLUMNS} FROM reader_addresses WHERE id = $1`, [id]);
    return toAddress(row);
  }

  /** The row for the address, made when missing, locked until the transaction ends. */
  async lockOrCreate(manager: EntityManager, siteId: number, email: string): Promise<ReaderAddress> {
    await manager.query(`INSERT INTO reader_addresses (site_id, email) VALUES ($1, $2) ON CONFLICT (site_id, email) DO NOTHING`, [siteId, email]);
    const [row] = await manager.query(`SELECT ${COLUMNS} FROM reader_addresses WHERE site_id = $1 AND email = $2 FOR UPDATE`, [siteId, email]);
    return toAddress(row)!;
  }

  async markConfirmationSent(manager: EntityManager, id: number): Promise<void> {
    await manager.query(`UPDATE reader_addresses SET confirmation_sent_at = now() WHERE id = $1`, [id]);
  }

  /** Proven: the address is verified, and everything from the site is wanted again. */
  async markVerified(manager: EntityManager, id: number): Promise<void> {
    await manager.query(`UPDATE reader_addresses SET verified_at = COALESCE(verified_at, now()), unsubscribed_at = NULL WHERE id = $1`, [id]);
  }

  async resubscribe(id: number): Promise<void> {
    await this.dataSource.query(`UPDATE reader_addresses SET unsubscribed_at = NULL WHERE id = $1 AND unsubscribed_at IS NOT NULL`, [id]);
  }

  async markUnsubscribed(manager: EntityManager, id: number): Promise<void> {
    await manager.query(`UPDATE reader_addresses SET unsubscribed_at = now() WHERE id = $1`, [id]);
  }

  async delete(manager: EntityManager, id: number): Promise<void> {
    await manager.query(`DELETE FROM reader_addresses WHERE id = $1`, [id]);
  }
}
