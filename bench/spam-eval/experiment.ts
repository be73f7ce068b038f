/**
 * One experiment: a model trained on some comments, as moderators would teach it (one decision at a
 * time, in a seeded order), then every other comment judged by it: the classifier's calibrated
 * probability and its two parts, and the pipeline's verdict (SpamService with every check that
 * needs no database or network).
 */
import { DEFAULT_SITE_SETTINGS } from '../../src/sites/site-settings.js';
import { ClassifierCheck, HAM_AT, HOLD_AT, MIN_EVIDENCE } from '../../src/spam/checks/classifier.check.js';
import { DisposableEmailCheck } from '../../src/spam/checks/disposable-email.check.js';
import { HoneypotCheck } from '../../src/spam/checks/honeypot.check.js';
import { LinksCheck } from '../../src/spam/checks/links.check.js';
import { WordsCheck } from '../../src/spam/checks/words.check.js';
import { InMemoryModel } from '../../src/spam/classifier/in-memory-model.js';
import { judge } from '../../src/spam/classifier/spam-model.js';
import { DEFAULT_FEATURES, type FeatureSet, tokenize } from '../../src/spam/classifier/tokenize.js';
import type { SpamCandidate } from '../../src/spam/spam-check.js';
import { SpamService } from '../../src/spam/spam.service.js';
import type { Verdict } from '../../src/spam/verdict.js';
import { type LabelledComment, seededRandom, shuffled } from './corpus.js';

export const SITE_ID = 1;
/** The most tokens (and weights) a model keeps, as the server prunes them (ClassifierStore). */
export { MAX_MODEL_ROWS } from '../../src/spam/classifier/model-tables.js';

export function candidateOf(comment: LabelledComment): SpamCandidate {
  return {
    siteId: SITE_ID,
    settings: { ...DEFAULT_SITE_SETTINGS, premoderation: 'off' },
    premoderation: 'off',
    articleId: 1,
    articleUrl: 'https://news.example/2002/08/spam-eval',
    siteUrl: 'https://news.example',
    body: comment.body,
    authorName: comment.authorName,
    authorEmail: comment.authorEmail,
    authorWebsite: null,
    ip: null,
    userAgent: null,
    formToken: undefined,
    edit: false,
    honeypot: undefined,
  };
}

/** Tokens of each comment under one feature set, read once however many experiments use them. */
export class TokenCache {
  private readonly cache = new Map<string, string[]>();

  constructor(readonly features: FeatureSet = DEFAULT_FEATURES) {}

  of(comment: LabelledComment): string[] {
    let tokens = this.cache.get(comment.key);
    if (!tokens) this.cache.set(comment.key, (tokens = tokenize(candidateOf(comment), this.features)));
    return tokens;
  }
}

export function train(comments: LabelledComment[], seed: number, tokens: TokenCache, maxRows: number): InMemoryModel {
  const model = new InMemoryModel(maxRows);
  for (const comment of shuffled(comments, seededRandom(seed))) model.learn(tokens.of(comment), comment.label, SITE_ID);
  return model;
}

export interface Scored {
  comment: LabelledComment;
  spam: boolean;
  /** The classifier's calibrated spam probability. */
  p: number;
  bayes: number;
  weights: number;
  telling: number;
  verdict: Verdict;
  /** A soft hold (links, disposable email) was among the findings. */
  soft: boolean;
  /** A check other than the classifier and the soft ones caught it. */
  otherHard: boolean;
  /** The author has approved comments on the site: a ham of theirs was among the lessons. */
  known: boolean;
}

/**
 * The authors a site knows after these lessons: every ham the model learned was a comment a
 * moderator approved, so its author has an approved comment (the trusted-author check's record).
 * An empty email (an export without emails) names nobody: it would make every author known.
 */
export const approvedAuthors = (lessons: LabelledComment[]): ReadonlySet<string> =>
  new Set(lessons.filter((c) => c.label === 'ham' && c.authorEmail !== '').map((c) => c.authorEmail.toLowerCase()));
const SOFT_CHECKS = new Set(['links', 'disposable email']);

export function pipelineOf(model: InMemoryModel): SpamService {
  return new SpamService([new HoneypotCheck(), new WordsCheck(), new LinksCheck(), new DisposableEmailCheck(), new ClassifierCheck(model)]);
}

/** Each comment as the classifier reads it and as the pipeline judges it, with the record of the authors the site knows. */
export async function score(model: InMemoryModel, comments: LabelledComment[], tokens: TokenCache, approved: ReadonlySet<string>): Promise<Scored[]> {
  const service = pipelineOf(model);
  const scored: Scored[] = [];
  for (const comment of comments) {
    const t = tokens.of(comment);
    const j = judge(t, await model.reading(SITE_ID, t));
    const known = approved.has(comment.authorEmail.toLowerCase());
    const verdict = await service.judge(candidateOf(comment), () => Promise.resolve(known));
    const checks = verdict.reasons.map((r) => r.slice(0, r.indexOf(': ')));
    scored.push({
      comment,
      spam: comment.label === 'spam',
      p: j.spamProbability,
      bayes: j.bayes,
      weights: j.weights,
      telling: j.telling,
      verdict,
      soft: checks.some((c) => SOFT_CHECKS.has(c)),
      otherHard: checks.some((c) => c !== 'classifier' && c !== 'trusted author' && !SOFT_CHECKS.has(c)),
      known,
    });
  }
  return scored;
}

/** The classifier alone catches (holds or marks spam) at threshold `hold`, as ClassifierCheck does. */
export const classifierCaught = (s: Scored, hold = HOLD_AT) => s.p >= hold && s.telling >= MIN_EVIDENCE;

/**
 * The pipeline's outcome had the thresholds been `hold` and `ham`, as verdictOf decides: a soft hold
 * (links, disposable email) stands unless the classifier vouches (p ≤ ham) or the author is known.
 */
export const pipelineCaught = (s: Scored, hold = HOLD_AT, ham = HAM_AT) => s.otherHard || classifierCaught(s, hold) || (s.soft && !s.known && s.p > ham);
