import { HOLD_AT, SPAM_AT } from '../checks/classifier.check.js';
import { HOLD_FLOOR, holdThresholdOf, MIN_SITE_HAM, MIN_SITE_SPAM, wilsonUpperBound } from './hold-threshold.js';

const at = new Date('2026-12-05T09:00:00.000Z');
/** `count` ham comments scored `p`. */
const ham = (count: number, p: number) => Array<number>(count).fill(p);

describe('wilsonUpperBound: how many readers a threshold might hold, at 90 % confidence', () => {
  // prettier-ignore
  const rows: Array<[string, number, number, number]> = [
    // what,                                   hits, trials, upper bound
    ['no evidence at all says nothing is safe', 0,    0,      1],
    ['none of 1,000 held: still not zero',      0,    1_000,  0.00164],
    ['2 of 1,000 held: just within 0.5 %',      2,    1_000,  0.00480],
    ['3 of 1,000 held: just past 0.5 %',        3,    1_000,  0.006175],
    ['25 of 5,000 held (exactly 0.5 %): past it',25,   5_000,  0.006451],
    ['all held',                                10,   10,     1],
  ];

  it.each(rows)('%s', (_what, hits, trials, upper) => {
    expect(wilsonUpperBound(hits, trials)).toBeCloseTo(upper, 5);
  });
});

describe("holdThresholdOf: a site's hold threshold from its moderators' decisions", () => {
  // prettier-ignore
  const rows: Array<[string, number[], number, 'default' | 'learned', number]> = [
    // what,                                                               ham p,                                      spam,          source,     hold at
    ['too few ham: the global threshold',                                  ham(MIN_SITE_HAM - 1, 0.05),                MIN_SITE_SPAM, 'default', HOLD_AT],
    ['too few spam: the global threshold',                                 ham(MIN_SITE_HAM, 0.05),                    MIN_SITE_SPAM - 1, 'default', HOLD_AT],
    ['all ham low: the floor, never lower',                                ham(MIN_SITE_HAM, 0.05),                    MIN_SITE_SPAM, 'learned', HOLD_FLOOR],
    ['2 ham of 1,000 high is within the bound: still the floor',           [...ham(998, 0.05), ...ham(2, 0.85)],       MIN_SITE_SPAM, 'learned', HOLD_FLOOR],
    ['3 ham of 1,000 high is past it: just above them',                    [...ham(997, 0.05), ...ham(3, 0.855)],      MIN_SITE_SPAM, 'learned', 0.86],
    ['ham at a grid value counts as held there (p ≥ t)',                   [...ham(997, 0.05), ...ham(3, 0.58)],       MIN_SITE_SPAM, 'learned', 0.59],
    ['a spread of ham: where the top 2 of 1,000 begin',                    [...ham(990, 0.2), ...ham(8, 0.415), 0.5, 0.7], MIN_SITE_SPAM, 'learned', 0.42],
    ['ham high everywhere: nothing below spam is held',                    ham(MIN_SITE_HAM, SPAM_AT - 0.005),         MIN_SITE_SPAM, 'learned', SPAM_AT],
  ];

  it.each(rows)('%s', (_what, hamP, spam, source, holdAt) => {
    expect(holdThresholdOf({ hamP, spam }, at)).toEqual({ holdAt, source, ham: hamP.length, spam, computedAt: at });
  });

  it('reads the ham in any order', () => {
    const shuffled = [0.7, ...ham(500, 0.2), 0.5, ...ham(8, 0.415), ...ham(490, 0.2)];
    expect(holdThresholdOf({ hamP: shuffled, spam: MIN_SITE_SPAM }, at).holdAt).toBe(0.42);
  });
});
