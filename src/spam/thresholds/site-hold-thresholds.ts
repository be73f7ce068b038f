import { Injectable, Logger } from '@nestjs/common';
import { LRUCache } from 'lru-cache';
import { HOLD_AT } from '../checks/classifier.check.js';
import { HoldEvidenceRepository } from './hold-evidence.repository.js';
import { type HoldThreshold, holdThresholdOf } from './hold-threshold.js';

/** A site's decisions change slowly, and nodes need not agree to the second: each node reads a site's evidence again after this long. */
export const THRESHOLD_CACHE_MS = 10 * 60_000;
/** After a failed read, the global threshold stands this long before the site's evidence is read again. */
export const RETRY_AFTER_FAILURE_MS = 60_000;

/**
 * Each site's hold threshold, learned from its moderators' decisions once it has enough of them
 * (hold-threshold.ts), cached per site in this process. Only a site's first post in a process waits
 * for its evidence to be read (the posts arriving meanwhile wait for the same read); after that, an
 * expired threshold still answers while the next one is read in the background. Never fails a
 * post: evidence that cannot be read answers the threshold read before, or the global HOLD_AT.
 */
@Injectable()
export class SiteHoldThresholds {
  private readonly logger = new Logger('SiteHoldThresholds');
  private readonly cache = new LRUCache<number, HoldThreshold>({
    max: 10_000,
    ttl: THRESHOLD_CACHE_MS,
    allowStale: true,
    fetchMethod: (siteId, stale, { options }) => this.compute(siteId, stale, options),
  });

  constructor(private readonly evidence: HoldEvidenceRepository) {}

  async holdAt(siteId: number): Promise<number> {
    return (await this.of(siteId)).holdAt;
  }

  /** The threshold in use on this node, with its source, evidence and when it was computed. */
  async of(siteId: number): Promise<HoldThreshold> {
    // compute() never rejects, so fetch always has a value to give.
    return (await this.cache.fetch(siteId))!;
  }

  private async compute(siteId: number, stale: HoldThreshold | undefined, cacheOptions: { ttl?: number }): Promise<HoldThreshold> {
    try {
      return holdThresholdOf(await this.evidence.of(siteId), new Date());
    } catch (error) {
      const failure = error instanceof Error ? error : new Error(String(error));
      this.logger.warn(
        { err: { name: failure.name, message: failure.message }, siteId },
        `could not read the site hold threshold evidence; holding from ${stale ? 'the threshold read before' : 'the global one'}`,
      );
      cacheOptions.ttl = RETRY_AFTER_FAILURE_MS;
      // A threshold read before stands rather than flip to the global one for a passing fault.
      return stale ?? { holdAt: HOLD_AT, source: 'default', ham: null, spam: null, computedAt: new Date() };
    }
  }
}
