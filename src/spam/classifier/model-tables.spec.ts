import { DUPLICATE_CAP } from './near-duplicates.js';
import { InMemoryModel } from './in-memory-model.js';
import { featureOf } from './logistic.js';
import { tokenize } from './tokenize.js';

const text = (body: string) => tokenize({ body, authorWebsite: null });
const snapshot = (model: InMemoryModel) => JSON.stringify([...model.tables.counts].map(([m, c]) => [m, [...c]]));

describe('what moderators teach, and take back', () => {
  it('an undo (unapprove, restore out of spam) unteaches exactly what the decision taught', () => {
    const model = new InMemoryModel();
    model.learn(text('The council should publish the budget'), 'ham', 1, 1);
    const counts = snapshot(model);
    const weight = model.tables.weightOf(1, featureOf('budget'));
    model.learn(text('Cheap pills, order now'), 'spam', 1, 2);
    model.learn(text('Cheap pills, order now'), null, 1, 2);
    expect(snapshot(model)).toBe(counts);
    expect(model.tables.weightOf(1, featureOf('budget'))).toBeCloseTo(weight, 12);
    expect(model.tables.weightOf(1, featureOf('pills'))).toBeCloseTo(0, 12);
    expect(model.tables.totals(1)).toEqual({ spam: 0, ham: 2 });
  });

  it('changing a decision relabels the comment rather than counting it twice', () => {
    const model = new InMemoryModel();
    model.learn(text('Was this spam after all?'), 'spam', 1, 7);
    model.learn(text('Was this spam after all?'), 'spam', 1, 7);
    model.learn(text('Was this spam after all?'), 'ham', 1, 7);
    expect(model.tables.counts.get(1)?.get('spam')).toEqual({ spam: 0, ham: 1 });
    expect(model.tables.totals(1)).toEqual({ spam: 0, ham: 2 });
  });

  it('a burst of the same spam teaches no more than its first few copies', () => {
    const model = new InMemoryModel();
    for (let i = 0; i < 50; i += 1) model.learn(text(`Cheap replica watches ${i}, order today at https://w${i}.example`), 'spam', 1);
    expect(model.tables.counts.get(1)?.get('replica')).toEqual({ spam: DUPLICATE_CAP, ham: 0 });
    expect(model.tables.corpus.get(1)).toEqual({ spam: DUPLICATE_CAP, ham: 0 });
  });

  it('keeps each model within its size by pruning the rarest tokens', () => {
    const model = new InMemoryModel(40);
    for (let i = 0; i < 30; i += 1) model.learn(text(`common words here and unique${'x'.repeat(i % 20)}y${i} more${i}`), i % 2 ? 'spam' : 'ham', 1);
    expect(model.tables.counts.get(1)!.size).toBeLessThanOrEqual(40);
    expect(model.tables.counts.get(1)!.get('common')).toBeDefined();
  });
});
