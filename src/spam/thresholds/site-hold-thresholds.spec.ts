import { jest } from '@jest/globals';
import { Logger } from '@nestjs/common';
import { HOLD_AT } from '../checks/classifier.check.js';
import type { HoldEvidenceRepository } from './hold-evidence.repository.js';
import { HOLD_FLOOR, type HoldEvidence, MIN_SITE_HAM, MIN_SITE_SPAM } from './hold-threshold.js';
import { SiteHoldThresholds } from './site-hold-thresholds.js';

/** Evidence as the repository would read it, counting the reads; `fail` makes every read fail. */
function evidenceSource(evidence: HoldEvidence, fail?: Error) {
  const reads: number[] = [];
  const source = {
    async of(siteId: number): Promise<HoldEvidence> {
      reads.push(siteId);
      await new Promise((resolve) => setImmediate(resolve));
      if (fail) throw fail;
      return evidence;
    },
  };
  return { source: source as unknown as HoldEvidenceRepository, reads };
}

const decided: HoldEvidence = { hamP: Array<number>(MIN_SITE_HAM).fill(0.05), spam: MIN_SITE_SPAM };

describe('SiteHoldThresholds: each site its own threshold, read once and kept', () => {
  afterEach(() => jest.restoreAllMocks());

  it("learns a site's threshold from its evidence, and reads it once however many posts arrive together", async () => {
    const { source, reads } = evidenceSource(decided);
    const thresholds = new SiteHoldThresholds(source);
    const answers = await Promise.all([thresholds.of(1), thresholds.of(1), thresholds.holdAt(1)]);
    expect(answers[0]).toEqual({ holdAt: HOLD_FLOOR, source: 'learned', ham: MIN_SITE_HAM, spam: MIN_SITE_SPAM, computedAt: expect.any(Date) });
    expect(answers[1]).toBe(answers[0]);
    expect(answers[2]).toBe(HOLD_FLOOR);
    expect(await thresholds.holdAt(1)).toBe(HOLD_FLOOR);
    expect(reads).toEqual([1]);
    await thresholds.of(2);
    expect(reads).toEqual([1, 2]);
  });

  it('answers the global HOLD_AT when the evidence cannot be read, and logs the site and the error, nothing else', async () => {
    const warn = jest.spyOn(Logger.prototype, 'warn').mockImplementation(() => undefined);
    const { source, reads } = evidenceSource(decided, new Error('Connection terminated unexpectedly'));
    const thresholds = new SiteHoldThresholds(source);
    expect(await thresholds.of(7)).toEqual({ holdAt: HOLD_AT, source: 'default', ham: null, spam: null, computedAt: expect.any(Date) });
    expect(warn).toHaveBeenCalledTimes(1);
    expect(warn.mock.calls[0]).toEqual([
      { err: { name: 'Error', message: 'Connection terminated unexpectedly' }, siteId: 7 },
      'could not read the site hold threshold evidence; holding from the global one',
    ]);
    // Not read again on every post while it fails.
    expect(await thresholds.holdAt(7)).toBe(HOLD_AT);
    expect(reads).toEqual([7]);
  });
});
