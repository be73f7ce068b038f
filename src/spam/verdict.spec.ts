import type { PremoderationMode } from '../sites/site-settings.js';
import { type Finding, needsAuthorRecord, revisedStatus, type StartingStatus, verdictOf } from './verdict.js';

const spam: Finding = { check: 'honeypot', score: 10, reason: 'the hidden form field was filled in', action: 'spam' };
const hardHold: Finding = { check: 'words', score: 1, reason: 'moderation word "casino" in the text', action: 'hold' };
const softHold: Finding = { check: 'links', score: 2, reason: '2 links (limit 2)', action: 'hold', soft: true };
const hamVouch: Finding = { check: 'classifier', score: -1, reason: '0.05 ham-like', action: 'trust' };
const remark: Finding = { check: 'akismet', score: 0, reason: 'ham' };

type Row = [string, Finding[], PremoderationMode, number, boolean | null, StartingStatus];

describe('verdictOf: the status a new comment starts in', () => {
  // prettier-ignore
  const rows: Row[] = [
    // what,                                              findings,             mode,         links, known, status
    ['nothing said, pre-moderation off',                  [],                   'off',        0,     false, 'approved'],
    ['a remark without an action changes nothing',        [remark],             'off',        0,     false, 'approved'],
    ['spam outranks every hold and every vouch',          [spam, hamVouch],     'off',        0,     true,  'spam'],
    ['spam outranks pre-moderation all',                  [spam],               'all',        0,     false, 'spam'],
    ['a hard hold holds a known author too',              [hardHold],           'off',        0,     true,  'pending'],
    ['a hard hold is not lifted by the classifier',       [hardHold, hamVouch], 'off',        0,     false, 'pending'],
    ['a soft hold holds a newcomer',                      [softHold],           'off',        2,     false, 'pending'],
    ['a soft hold is lifted by a known author',           [softHold],           'off',        2,     true,  'approved'],
    ['a soft hold is lifted by a classifier sure of ham', [softHold, hamVouch], 'off',        2,     false, 'approved'],
    ['an unreadable record does not lift a soft hold',    [softHold],           'off',        2,     null,  'pending'],
    ['all holds everyone',                                [],                   'all',        0,     true,  'pending'],
    ['first-time holds a newcomer',                       [],                   'first-time', 0,     false, 'pending'],
    ['first-time lets a known author through',            [],                   'first-time', 0,     true,  'approved'],
    ['first-time is not lifted by the classifier',        [hamVouch],           'first-time', 0,     false, 'pending'],
    ['first-time holds when the record is unreadable',    [],                   'first-time', 0,     null,  'pending'],
    ['links holds a newcomer\'s link',                    [],                   'links',      1,     false, 'pending'],
    ['links lets a newcomer without a link through',      [],                   'links',      0,     false, 'approved'],
    ['links lets a known author\'s link through',         [],                   'links',      1,     true,  'approved'],
    ['links is not lifted by the classifier',             [hamVouch],           'links',      1,     false, 'pending'],
  ];

  it.each(rows)('%s', (_what, findings, premoderation, links, knownAuthor, status) => {
    expect(verdictOf({ findings, premoderation, links, knownAuthor }).status).toBe(status);
  });

  it("adds the scores and lists every reason in order, the author's record last", () => {
    expect(verdictOf({ findings: [softHold, remark], premoderation: 'off', links: 2, knownAuthor: true })).toEqual({
      status: 'approved',
      score: 1,
      reasons: ['links: 2 links (limit 2)', 'akismet: ham', 'trusted author: the author has approved comments on this site'],
      classifierP: null,
    });
    expect(verdictOf({ findings: [], premoderation: 'first-time', links: 0, knownAuthor: null })).toEqual({
      status: 'pending',
      score: 0,
      reasons: ['trusted author: could not run'],
      classifierP: null,
    });
    expect(verdictOf({ findings: [], premoderation: 'first-time', links: 0, knownAuthor: false })).toEqual({
      status: 'pending',
      score: 0,
      reasons: [],
      classifierP: null,
    });
  });
});

describe("verdictOf: the classifier's p", () => {
  it('is carried on the verdict, and a finding that only records it adds no reason and no score', () => {
    const unsure: Finding = { check: 'classifier', score: 0, probability: 0.47 };
    expect(verdictOf({ findings: [softHold, unsure], premoderation: 'off', links: 2, knownAuthor: false })).toEqual({
      status: 'pending',
      score: 2,
      reasons: ['links: 2 links (limit 2)'],
      classifierP: 0.47,
    });
    expect(verdictOf({ findings: [softHold, { ...hamVouch, probability: 0.05 }], premoderation: 'off', links: 2, knownAuthor: false })).toMatchObject({
      status: 'approved',
      classifierP: 0.05,
    });
  });

  it('is null when the classifier said nothing or could not run', () => {
    const failed: Finding = { check: 'classifier', score: 0, reason: 'could not run' };
    expect(verdictOf({ findings: [failed], premoderation: 'off', links: 0, knownAuthor: false })).toEqual({
      status: 'approved',
      score: 0,
      reasons: ['classifier: could not run'],
      classifierP: null,
    });
  });
});

describe('needsAuthorRecord: the record is read only where it could lift pre-moderation or a soft hold', () => {
  // prettier-ignore
  const rows: Array<[string, Finding[], PremoderationMode, number, boolean]> = [
    ['off, nothing said',           [],         'off',        0, false],
    ['off, a soft hold',            [softHold], 'off',        2, true],
    ['off, a hard hold only',       [hardHold], 'off',        0, false],
    ['first-time',                  [],         'first-time', 0, true],
    ['links with a link',           [],         'links',      1, true],
    ['links without a link',        [],         'links',      0, false],
    ['all: nobody passes it',       [],         'all',        0, false],
    ['all, with a soft hold',       [softHold], 'all',        2, true],
    ['a soft hold beside spam',     [softHold, spam], 'off',  2, true],
  ];

  it.each(rows)('%s', (_what, findings, premoderation, links, needed) => {
    expect(needsAuthorRecord(findings, premoderation, links)).toBe(needed);
  });
});

describe('revisedStatus: an edit never loosens a comment', () => {
  // prettier-ignore
  const rows: Array<[StartingStatus, StartingStatus, StartingStatus]> = [
    ['approved', 'approved', 'approved'],
    ['approved', 'pending',  'pending'],
    ['approved', 'spam',     'spam'],
    ['pending',  'approved', 'pending'],
    ['pending',  'spam',     'spam'],
    ['spam',     'approved', 'spam'],
    ['spam',     'pending',  'spam'],
  ];

  it.each(rows)('%s, edited into what is judged %s, is %s', (current, verdict, revised) => {
    expect(revisedStatus(current, verdict)).toBe(revised);
  });
});
