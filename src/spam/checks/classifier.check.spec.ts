import { DEFAULT_SITE_SETTINGS } from '../../sites/site-settings.js';
import { InMemoryModel } from '../classifier/in-memory-model.js';
import { judge } from '../classifier/spam-model.js';
import { tokenize } from '../classifier/tokenize.js';
import type { CheckOutcome, SpamCandidate } from '../spam-check.js';
import { readerly, SPAM_OFFERS, spammy } from '../../../test/support/spam-lessons.js';
import { ClassifierCheck, HAM_AT, HOLD_AT, MIN_EVIDENCE, MIN_TRAINING, SPAM_AT } from './classifier.check.js';

const SITE = 1;
const HAM = ['the council budget', 'the night ferry', 'the school board', 'the bus timetable', 'the water report'];
/** Readers' comments with more and more spam words tacked on: between them, p climbs from about 0 to above SPAM_AT. */
const SPAM_WORDS = 'order now free delivery click cheap pills casino bonus spins riches loans watches diet replica bags easy money hot singles crypto'.split(
  ' ',
);
const MIXES = ['I read the piece on the zoning hearing and', 'I read the zoning piece'].flatMap((start) =>
  SPAM_WORDS.map((_, k) => `${start} ${SPAM_WORDS.slice(0, k).join(' ')}`),
);

function candidate(body: string): SpamCandidate {
  return {
    siteId: SITE,
    settings: DEFAULT_SITE_SETTINGS,
    premoderation: 'off',
    edit: false,
    articleId: 1,
    articleUrl: 'https://news.example/politics/budget-vote',
    siteUrl: 'https://news.example',
    body,
    authorName: 'Ayu',
    authorEmail: 'ayu@example.org',
    authorWebsite: null,
    ip: null,
    userAgent: null,
    formToken: undefined,
    honeypot: undefined,
  };
}

/** Grid values (hundredths) just below and just above p. */
const gridBelow = (p: number) => Math.floor(p * 100) / 100;
const gridAbove = (p: number) => Math.floor(p * 100 + 1) / 100;

describe("the classifier check, with a site's own hold threshold", () => {
  let model: InMemoryModel;
  let check: ClassifierCheck;
  /** The check's outcome on the model with the site's threshold as it is now. */
  const judged = (body: string) => check.check(candidate(body)) as Promise<CheckOutcome>;
  /** A text the model scores within [low, high), with enough telling tokens to hold it, and its p. */
  const textScoring = async (low: number, high: number) => {
    for (const body of MIXES) {
      const tokens = tokenize(candidate(body));
      const { spamProbability: p, telling } = judge(tokens, await model.reading(SITE, tokens));
      if (p >= low && p < high && telling >= MIN_EVIDENCE) return { body, p };
    }
    throw new Error(`no text scores within [${low}, ${high})`);
  };

  beforeEach(() => {
    model = new InMemoryModel();
    for (const what of SPAM_OFFERS) model.learn(tokenize(candidate(spammy(what))), 'spam', SITE);
    for (const what of [...HAM, ...HAM.map((h) => `${h} again`)]) model.learn(tokenize(candidate(readerly(what))), 'ham', SITE);
    check = new ClassifierCheck(model);
  });

  it('says nothing, p included, until it has learned enough of both', async () => {
    const hamOnly = new InMemoryModel();
    for (let i = 0; i < MIN_TRAINING; i++) hamOnly.learn(tokenize(candidate(readerly(`${HAM[i % HAM.length]} ${i}`))), 'ham', SITE);
    expect(await hamOnly.totals(SITE)).toMatchObject({ spam: 0 });
    expect(await new ClassifierCheck(hamOnly).check(candidate(spammy('Miracle cream')))).toBeNull();
  });

  it('holds from the learned threshold and says so; above p, it records p without a reason', async () => {
    const { body, p } = await textScoring(0.32, SPAM_AT);
    model.learnedHoldAt.set(SITE, gridBelow(p));
    const held = await judged(body);
    expect(held).toMatchObject({ action: 'hold', probability: p, score: Math.round(p * 100) / 10 });
    expect(held.reason).toMatch(
      new RegExp(`^${p.toFixed(2)} spam-like, this site holds from ${gridBelow(p).toFixed(2)} \\(("[^"]+" \\+\\d+\\.\\d(, )?){1,5}\\)$`),
    );

    model.learnedHoldAt.set(SITE, gridAbove(p));
    // Unless it is sure enough of ham to vouch: not at or above HAM_AT.
    expect(await judged(body)).toEqual(p <= HAM_AT ? expect.objectContaining({ action: 'trust', probability: p }) : { score: 0, probability: p });
  });

  it('without a learned threshold holds from HOLD_AT, in the usual words', async () => {
    const above = await textScoring(HOLD_AT, SPAM_AT);
    expect(await judged(above.body)).toMatchObject({ action: 'hold', probability: above.p, reason: expect.stringMatching(/^0\.\d\d spam-like \("/) });
    const below = await textScoring(0.32, HOLD_AT);
    const outcome = await judged(below.body);
    expect(outcome.probability).toBe(below.p);
    expect(outcome.action).not.toBe('hold');
  });

  it('never vouches for what a learned threshold below HAM_AT holds', async () => {
    const { body, p } = await textScoring(0.32, Math.min(HAM_AT, SPAM_AT));
    expect(await judged(body)).toMatchObject({ action: 'trust', probability: p, reason: expect.stringMatching(/ ham-like \(/) });
    model.learnedHoldAt.set(SITE, gridBelow(p));
    expect(await judged(body)).toMatchObject({ action: 'hold', probability: p });
    // Just above p, the hold is not reached and the vouch stands.
    model.learnedHoldAt.set(SITE, gridAbove(p));
    expect(await judged(body)).toMatchObject({ action: 'trust', probability: p });
  });

  it('marks spam from SPAM_AT whatever the site learned, without naming its threshold', async () => {
    model.learnedHoldAt.set(SITE, 0.4);
    const outcome = await judged(spammy('Miracle cream'));
    expect(outcome).toMatchObject({ action: 'spam', probability: expect.any(Number) });
    expect(outcome.probability).toBeGreaterThanOrEqual(SPAM_AT);
    expect(outcome.reason).toMatch(/^(0\.9\d|1\.00) spam-like \("/);
  });
});
