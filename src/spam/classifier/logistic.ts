/**
 * The discriminative half of the classifier: logistic regression over hashed tokens, trained
 * online, one moderator's decision at a time. Where naive Bayes counts each token on its own,
 * this weighs tokens against each other (a word common in both spam and replies to spam stops
 * counting once the words around it decide), which is what lets the two disagree usefully.
 *
 * Tokens are hashed into 2^FEATURE_BITS features, so a model has at most that many weights however
 * much it reads; each comment's features are scaled to unit length (1/√n each), so a long text
 * moves the model no more than a short one. Steps follow AdaGrad's spirit with the count of
 * lessons a feature was in: rate/√(1 + seen), large for a new feature, settling as it is seen.
 */

export const FEATURE_BITS = 20;
/** The bias (what the model thinks before reading a word) is one more weight, past every hashed one. */
export const BIAS_FEATURE = 2 ** FEATURE_BITS;
export const LEARNING_RATE = 15;

export interface FeatureWeight {
  weight: number;
  /** Lessons this feature was in, for its step size. */
  seen: number;
}

/** FNV-1a over the token's UTF-16 code units, folded to FEATURE_BITS. */
export function featureOf(token: string): number {
  let hash = 0x811c9dc5;
  for (let i = 0; i < token.length; i += 1) {
    hash ^= token.charCodeAt(i);
    hash = Math.imul(hash, 0x01000193);
  }
  return (hash ^ (hash >>> FEATURE_BITS)) & (BIAS_FEATURE - 1);
}

/** The comment's features, each with its value (1/√n); the bias is left out (its value is 1). */
export function featuresOf(tokens: string[]): Map<number, number> {
  const features = new Map<number, number>();
  if (tokens.length === 0) return features;
  const value = 1 / Math.sqrt(tokens.length);
  for (const token of tokens) {
    const feature = featureOf(token);
    features.set(feature, (features.get(feature) ?? 0) + value);
  }
  return features;
}

export const sigmoid = (z: number) => 1 / (1 + Math.exp(-z));

/** The log-odds of spam from the weights, the bias included. */
export function margin(features: Map<number, number>, weightOf: (feature: number) => number): number {
  let z = weightOf(BIAS_FEATURE);
  for (const [feature, value] of features) z += weightOf(feature) * value;
  return z;
}

/**
 * What one lesson changes: with `error` = label − prediction (1 − p for spam, −p for ham), each
 * feature's weight moves by rate · error · value / √(1 + seen), seen counting this lesson, and its
 * seen count by `by`. Unlearning (`by` −1, the same `error`) takes back the same step as long as
 * nothing else taught those features since, and nearly the same step otherwise.
 */
export function stepOf(
  features: Map<number, number>,
  error: number,
  seenOf: (feature: number) => number,
  by: 1 | -1,
): Map<number, { weight: number; seen: number }> {
  const deltas = new Map<number, { weight: number; seen: number }>();
  const move = (feature: number, value: number) => {
    // After learning, seen counts this lesson; before unlearning, it still does.
    const seen = Math.max(1, seenOf(feature) + (by === 1 ? 1 : 0));
    deltas.set(feature, { weight: (by * LEARNING_RATE * error * value) / Math.sqrt(1 + seen), seen: by });
  };
  move(BIAS_FEATURE, 1);
  for (const [feature, value] of features) move(feature, value);
  return deltas;
}
