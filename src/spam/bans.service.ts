import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { LRUCache } from 'lru-cache';
import { BlockList, isIP } from 'node:net';
import { DataSource, EntityManager, In } from 'typeorm';
import { fieldError } from '../http/field-error.js';
import { domainAndParents, normaliseDomain, normaliseEmail } from './ban-address.js';
import { Ban, type BanKind } from './ban.entity.js';

export interface NewBan {
  siteId: number;
  kind: BanKind;
  value: string;
  expiresAt?: Date | null;
  note?: string | null;
}

/** A site's bans, ready to match a post in memory. */
interface SiteBans {
  byEmail: Map<string, Ban>;
  byDomain: Map<string, Ban>;
  byIp: Array<{ ban: Ban; addresses: BlockList }>;
  byAccount: Map<string, Ban>;
}

/** As the sign-in token's `sub` may be (sites/site-sign-in.ts). */
const MAX_ACCOUNT_LENGTH = 200;

/** Another node's new ban takes effect here within this time; this node's at once. */
const CACHE_MS = 5_000;

/** Reads and writes bans; the spam checks ask `matching` on every post, answered from memory. */
@Injectable()
export class BansService {
  private readonly cache = new LRUCache<number, SiteBans>({ max: 10_000, ttl: CACHE_MS });

  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  /**
   * Bans an author. Banning again what an active ban already covers changes nothing and answers
   * that ban, so "spam and ban" on a regular spammer does not pile up copies. Pass the manager of
   * a surrounding transaction to ban within it.
   */
  async create(input: NewBan, manager: EntityManager = this.dataSource.manager): Promise<{ ban: Ban; created: boolean }> {
    const value = normaliseBanValue(input.kind, input.value);
    const repository = manager.getRepository(Ban);
    const existing = await repository
      .createQueryBuilder('b')
      .where('b.site_id = :siteId AND b.kind = :kind AND b.value = :value', { siteId: input.siteId, kind: input.kind, value })
      .andWhere('(b.expires_at IS NULL OR b.expires_at > now())')
      .orderBy('b.expires_at', 'DESC', 'NULLS FIRST')
      .getOne();
    const expiresAt = input.expiresAt ?? null;
    const coversIt = existing && (existing.expiresAt === null || (expiresAt !== null && existing.expiresAt >= expiresAt));
    if (existing && coversIt) return { ban: existing, created: false };
    const ban = await repository.save(repository.create({ siteId: input.siteId, kind: input.kind, value, expiresAt, note: input.note ?? null }));
    this.cache.delete(input.siteId);
    return { ban, created: true };
  }

  /** Active bans first, newest first; expired ones stay listed for the record. */
  list(siteIds: number[]): Promise<Ban[]> {
    if (siteIds.length === 0) return Promise.resolve([]);
    return this.dataSource
      .getRepository(Ban)
      .createQueryBuilder('b')
      .where({ siteId: In(siteIds) })
      .orderBy('(b.expires_at IS NULL OR b.expires_at > now())', 'DESC')
      .addOrderBy('b.id', 'DESC')
      .getMany();
  }

  findById(id: number): Promise<Ban | null> {
    return this.dataSource.getRepository(Ban).findOneBy({ id });
  }

  async remove(ban: Ban, manager: EntityManager = this.dataSource.manager): Promise<void> {
    await manager.getRepository(Ban).delete({ id: ban.id });
    this.cache.delete(ban.siteId);
  }

  /** The ban, if any, that keeps this author out of the site now. */
  async matching(siteId: number, email: string, ip: string | null, account: string | null = null, now = new Date()): Promise<Ban | null> {
    const bans = await this.forSite(siteId);
    const active = (ban: Ban | undefined) => (ban && (!ban.expiresAt || ban.expiresAt > now) ? ban : null);
    const byAccount = account === null ? null : active(bans.byAccount.get(account));
    if (byAccount) return byAccount;
    const address = normaliseEmail(email);
    const byEmail = active(bans.byEmail.get(address));
    if (byEmail) return byEmail;
    for (const domain of domainAndParents(address.slice(address.lastIndexOf('@') + 1))) {
      const byDomain = active(bans.byDomain.get(domain));
      if (byDomain) return byDomain;
    }
    const family = ip ? isIP(ip) : 0;
    if (!ip || family === 0) return null;
    for (const { ban, addresses } of bans.byIp) if (active(ban) && addresses.check(ip, family === 6 ? 'ipv6' : 'ipv4')) return ban;
    return null;
  }

  private async forSite(siteId: number): Promise<SiteBans> {
    const cached = this.cache.get(siteId);
    if (cached) return cached;
    const rows = await this.dataSource
      .getRepository(Ban)
      .createQueryBuilder('b')
      .where('b.site_id = :siteId AND (b.expires_at IS NULL OR b.expires_at > now())', { siteId })
      .getMany();
    const bans: SiteBans = { byEmail: new Map(), byDomain: new Map(), byIp: [], byAccount: new Map() };
    // Normalised again as read: bans stored before the normalisation grew (a `+tag`, full-width letters) still match.
    for (const ban of rows) {
      if (ban.kind === 'email') bans.byEmail.set(normaliseEmail(ban.value), ban);
      else if (ban.kind === 'domain') bans.byDomain.set(normaliseDomain(ban.value), ban);
      else if (ban.kind === 'account') bans.byAccount.set(ban.value, ban);
      else bans.byIp.push({ ban, addresses: blockListOf(ban.value) });
    }
    this.cache.set(siteId, bans);
    return bans;
  }
}

/**
 * Stores emails and domains as they are matched (ban-address.ts); checks that an IP ban is an
 * address or a CIDR range. The patterns are linear: each label ends at a dot the next cannot hold.
 */
export function normaliseBanValue(kind: BanKind, raw: string): string {
  // An account is named by the site, exactly: `Ayu` and `ayu` may be two subscribers.
  if (kind === 'account') {
    const account = raw.trim();
    if (account === '' || account.length > MAX_ACCOUNT_LENGTH)
      throw fieldError('value', `An account ban needs the account's id, at most ${MAX_ACCOUNT_LENGTH} characters.`);
    return account;
  }
  const value = kind === 'email' ? normaliseEmail(raw) : kind === 'domain' ? normaliseDomain(raw) : raw.trim().toLowerCase();
  const invalid = (message: string) => fieldError('value', message);
  if (kind === 'email' && !/^[^\s@]+@[^\s@.]+(?:\.[^\s@.]+)+$/.test(value)) throw invalid('An email ban needs an email address.');
  if (kind === 'domain' && !/^[a-z0-9-]+(?:\.[a-z0-9-]+)+$/.test(value)) throw invalid('A domain ban needs a domain such as spam.example.');
  if (kind === 'ip') {
    const [address, prefix] = value.split('/');
    const family = isIP(address);
    const bits = prefix === undefined ? null : Number(prefix);
    if (family === 0 || (bits !== null && (!Number.isInteger(bits) || bits < 0 || bits > (family === 4 ? 32 : 128)))) {
      throw invalid('An IP ban needs an address or a range such as 203.0.113.0/24.');
    }
  }
  return value;
}

function blockListOf(value: string): BlockList {
  const [address, prefix] = value.split('/');
  const type = isIP(address) === 6 ? 'ipv6' : 'ipv4';
  const list = new BlockList();
  if (prefix === undefined) list.addAddress(address, type);
  else list.addSubnet(address, Number(prefix), type);
  return list;
}
