import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { ExportedComment } from '../../src/export/export-records.js';
import { WxrWriter } from '../../src/export/wxr-writer.js';
import type { CommentStatus } from '../../src/threads/comment-status.js';
import { type CliResult, runCli, runNode } from '../support/server-process.js';
import { cliDatabase } from '../support/test-database.js';

/** The built script, as `npm run spam:eval` runs it. */
const SPAM_EVAL = 'dist/bench/spam-eval.js';
const ARTICLE = 'https://news.example/2026/12/bridge-vote';

// Readers' comments about the article, and offers with links: word lists, picked by index, so every
// run seeds the same 60 of each, no two alike.
const OPENERS = [
  'I think',
  'Frankly,',
  'As someone who lives nearby,',
  'Good piece, but',
  'Interesting that',
  'My worry is that',
  'Thanks for this;',
  'Honestly,',
];
const SUBJECTS = [
  'the council',
  'the mayor',
  'the bridge plan',
  'the ferry timetable',
  'the river crossing',
  'the harbour committee',
  'the consultation',
  'the budget',
];
const VERBS = [
  'should have asked residents about',
  'underestimated',
  'is right to delay',
  'has ignored',
  'deserves credit for',
  'keeps changing its mind on',
  'must explain',
  'rushed',
];
const OBJECTS = [
  'the east bank route',
  'the toll',
  'the cycle lane',
  'the school run',
  'the weekend closures',
  'the flood defences',
  'the bus lanes',
  'the parking',
];
const CLOSERS = [
  'We will see at the next meeting.',
  'The article explains it well.',
  'I hope you follow this up.',
  'My neighbours agree.',
  'Who pays in the end?',
  'Long overdue.',
];
const OFFERS = ['Cheap', 'Discount', 'Genuine', 'Limited offer:', 'Best price', 'Exclusive deal:', 'Hot sale', 'Free shipping on'];
const PRODUCTS = ['replica watches', 'diet pills', 'casino bonus', 'crypto signals', 'designer handbags', 'payday loans', 'SEO backlinks', 'weight loss tea'];
const PITCHES = ['buy now at', 'click here:', 'order today from', 'visit', 'get yours at', 'claim it at', 'best prices on', 'sign up at'];
const SHOPS = ['best-deals-4u', 'cheap-pharma', 'win-big-casino', 'replica-store', 'crypto-profit', 'fast-loans', 'rank-booster', 'slim-fast-tea'];
const SHOUTS = [
  '100% guaranteed!!!',
  'Only today, 90% off!',
  'Earn $5000 a week from home!',
  'Limited stock, act now!',
  'No prescription needed!',
  'Risk free, money back!',
];
const FIRST_NAMES = ['Agnieszka', 'Bartholomew', 'Cordelia', 'Desmond', 'Evangeline', 'Florian', 'Gwendolyn', 'Horatio', 'Isadora', 'Jasper'];
const SURNAMES = ['Quennell', 'Marchbanks', 'Oyelaran', 'Thistlewood', 'Vandermeer', 'Abernethy'];
const SELLERS = ['Promo', 'Deals', 'Casino', 'Loans', 'Pills', 'Outlet'];

interface Seeded {
  authorName: string;
  authorEmail: string;
  body: string;
  status: CommentStatus;
}

function reader(i: number): Pick<Seeded, 'authorName' | 'authorEmail'> {
  const [first, last] = [FIRST_NAMES[i % 10], SURNAMES[Math.floor(i / 10) % 6]];
  return { authorName: `${first} ${last}`, authorEmail: `${first}.${last}@readers.example`.toLowerCase() };
}

function ham(i: number): Seeded {
  const pick = (list: string[], n: number) => list[n % list.length];
  let body = `${pick(OPENERS, i)} ${pick(SUBJECTS, Math.floor(i / 8))} ${pick(VERBS, i + Math.floor(i / 8))} ${pick(OBJECTS, i * 3)}. ${pick(CLOSERS, i)}`;
  // Some readers cite their sources: two links, which the links check holds for a newcomer.
  if (i % 10 === 0) body += ` Sources: https://council.example/minutes/${i} and https://archive.example/report-${i}`;
  // And some quote, word for word, the spam they got (with its links): what a filter wrongly catches.
  if (i % 6 === 3)
    body = `${pick(OFFERS, i)} ${pick(PRODUCTS, i)}, ${pick(PITCHES, i)} https://${pick(SHOPS, i)}.example/${i} https://${pick(SHOPS, i + 1)}.example ${pick(SHOUTS, i)}`;
  return { ...reader(i), body, status: 'approved' };
}

function spam(i: number): Seeded {
  const pick = (list: string[], n: number) => list[n % list.length];
  const seller = { authorName: `${pick(SELLERS, i)} ${pick(SURNAMES, Math.floor(i / 6))} Shop`, authorEmail: `offers${i}@${pick(SHOPS, i)}.example` };
  // Some spam passes for a reader's comment: what a filter lets through.
  if (i % 10 === 5) return { ...seller, body: `${pick(OPENERS, i + 1)} ${pick(SUBJECTS, i)} ${pick(VERBS, i + 3)} ${pick(OBJECTS, i + 5)}.`, status: 'spam' };
  const body =
    `${pick(OFFERS, i)} ${pick(PRODUCTS, Math.floor(i / 8))}, ${pick(PITCHES, i + Math.floor(i / 8))} ` +
    `https://${pick(SHOPS, i * 3)}.example/offer?id=${i} ${pick(SHOUTS, i)}`;
  return { ...seller, body, status: 'spam' };
}

/** 60 approved, 60 spam, and 5 never decided either way (3 pending, 2 in the trash). */
const SEEDED: Seeded[] = [
  ...Array.from({ length: 60 }, (_, i) => ham(i)),
  ...Array.from({ length: 60 }, (_, i) => spam(i)),
  ...Array.from({ length: 5 }, (_, i): Seeded => ({ ...ham(60 + i), status: i < 3 ? 'pending' : 'trash' })),
];

/** The seeded comments as a WordPress export, for the CLI to import as an operator would. */
function wxrOf(seeded: Seeded[]): string {
  const writer = new WxrWriter();
  const at = new Date('2026-12-01T08:00:00Z');
  const comment = (s: Seeded, i: number): ExportedComment => ({
    ...s,
    id: i + 1,
    parentId: null,
    replyToId: null,
    depth: 1,
    authorWebsite: null,
    spamScore: null,
    spamReasons: [],
    classifierP: null,
    staff: false,
    ip: null,
    userAgent: null,
    createdAt: new Date(at.getTime() + i * 60_000),
    updatedAt: at,
    editedAt: null,
    editedFrom: null,
    importKey: null,
  });
  return [
    writer.start({ slug: 'courier', name: 'The Courier', origins: ['https://news.example'] }, at),
    writer.article({ id: 1, url: ARTICLE, title: 'The council votes on the bridge', open: true, premoderation: null, createdAt: at }),
    ...seeded.map((s, i) => writer.comment(comment(s, i))),
    writer.endArticle(),
    writer.end(),
  ].join('');
}

/** What the seeded readers typed or gave, found in `text`: their bodies (or their first 30 characters), names and emails. */
function readersDataIn(text: string): string[] {
  return SEEDED.flatMap((s) => [s.body, s.body.slice(0, 30), s.authorName, s.authorEmail]).filter((secret) => text.includes(secret));
}

const spamEval = (args: string[]): Promise<CliResult> => runNode([SPAM_EVAL, ...args], {});

describe('npm run spam:eval -- --export FILE', () => {
  let database: Awaited<ReturnType<typeof cliDatabase>>;
  let env: Record<string, string>;
  let folder: string;
  let exportFile: string;

  beforeAll(async () => {
    folder = mkdtempSync(join(tmpdir(), 'kolom-spam-eval-'));
    database = await cliDatabase(folder);
    ({ env } = database);
    const wxr = join(folder, 'seeded.wxr.xml');
    writeFileSync(wxr, wxrOf(SEEDED));
    expect((await runCli(['site:create', '--slug', 'courier', '--origin', 'https://news.example'], env)).code).toBe(0);
    const imported = await runCli(['import:wordpress', wxr, '--site', 'courier', '--no-learn'], env);
    expect(imported).toMatchObject({ code: 0 });
    exportFile = join(folder, 'courier.json');
    const exported = await runCli(['export', '--site', 'courier', '--format', 'json', '--output', exportFile], env);
    expect(exported.stderr).toMatch(/Exported 125 comments on 1 articles of "courier" as json\./);
  }, 180_000);
  afterAll(async () => {
    await database?.drop();
    rmSync(folder, { recursive: true, force: true });
  });

  it("measures the site's approved and spam comments, and prints no reader's text, name or email", async () => {
    const run = await spamEval(['--export', exportFile, '--folds', '2', '--seeds', '1']);
    expect({ code: run.code, stderr: run.stderr }).toEqual({ code: 0, stderr: '' });
    // The header: the file, the site, when it was exported, and the counts instead of the corpus's groups.
    expect(run.stdout).toContain(`\nexport: ${exportFile} (Kolom JSON export of the site "courier", `);
    expect(run.stdout).toMatch(/\): 60 ham \(approved\), 60 spam; 5 left out \(3 pending, 2 trash\)\n/);
    expect(run.stdout).not.toContain('never loaded');
    expect(run.stdout).toMatch(/^\s+ham\s+ham\s+45\s+15$/m);
    expect(run.stdout).toMatch(/^\s+spam\s+spam\s+45\s+15$/m);
    expect(run.stdout).toMatch(/\[cross-validation\] 2 folds × 1 seeds \(1\) within the training part, 2 models/);
    expect(run.stdout).toMatch(/\[held out\] a model trained on the whole training part \(90 decisions, .*\) judges the held-out part once/);
    expect(run.stdout).toMatch(/\nsummary\n\s+held-out part\s+precision\s+recall\s+F1\s+false-positive rate\n\s+classifier alone, p ≥ /);
    expect(run.stdout).toMatch(/\ntargets\n\s+held out: pipeline false-positive rate ≤ 0\.5 %.*(PASS|MISS)\n/);
    expect(run.stdout).toMatch(/p99 time per comment ≤ 2 ms \(no Akismet\)/);
    // What went wrong, named by key with the checks' reasons: the readers quoting spam, and the spam passing for a reader.
    expect(run.stdout).toMatch(/^ {4}export\/\d+ (pending|spam): links: 2 links \(limit 2\); classifier: 0\.\d\d spam-like$/m);
    expect(run.stdout).toMatch(/^ {4}spam let through: export\/\d+ p \d\.\d{3}(: classifier: 0\.\d\d ham-like)?$/m);
    expect(readersDataIn(run.stdout)).toEqual([]);
  }, 120_000);

  it('reads an export without emails as newcomers, and leaves out staff, withdrawn and erased comments', async () => {
    type Comment = { status: string; body: string; authorEmail?: string; staff?: boolean };
    const document = JSON.parse(readFileSync(exportFile, 'utf8')) as { articles: Array<{ comments: Comment[] }> };
    const comments = document.articles[0].comments;
    const [first, second] = comments.filter((c) => c.status === 'approved');
    first.staff = true;
    second.status = 'deleted';
    comments.find((c) => c.status === 'spam')!.body = '';
    for (const comment of comments) delete comment.authorEmail;
    const file = join(folder, 'without-emails.json');
    writeFileSync(file, JSON.stringify(document));
    const run = await spamEval(['--export', file, '--folds', '2', '--seeds', '1']);
    expect({ code: run.code, stderr: run.stderr }).toEqual({ code: 0, stderr: '' });
    expect(run.stdout).toMatch(/: 58 ham \(approved\), 59 spam; 8 left out \(3 pending, 2 trash, 1 withdrawn by their authors, 1 staff, 1 with no text\)\n/);
    expect(run.stdout).toContain('\n  the file holds no email for any comment measured: an empty one is used, so their authors are never known');
    expect(run.stdout).toContain('of the ham judged came from known authors, 0 spam did');
    expect(run.stdout).toMatch(/ham from known authors: 0 of 0 caught/);
    expect(readersDataIn(run.stdout)).toEqual([]);
  }, 60_000);

  it('names the counts when there are too few of a label for the folds', async () => {
    const run = await spamEval(['--export', exportFile, '--folds', '20', '--seeds', '1']);
    expect(run.code).toBe(1);
    expect(run.stderr.trim().split('\n')).toEqual([
      `spam:eval: too few to train on: the training part of ${exportFile} holds 45 ham and 45 spam (after a quarter is held out); ` +
        '20 folds need at least 200 of each (MIN_TRAINING 10 × folds)',
    ]);
  }, 60_000);

  it('refuses a missing file, a malformed one and JSON that is not a Kolom export with exit code 1 and one line', async () => {
    const malformed = join(folder, 'cut-short.json');
    // A file cut short mid-comment: the message must not quote what it holds.
    writeFileSync(malformed, `{"kolom-export":1,"articles":[{"comments":[{"body":${JSON.stringify(SEEDED[0].body)},"authorName":"Agnies`);
    const other = join(folder, 'other.json');
    writeFileSync(other, JSON.stringify({ articles: [{ comments: [{ id: 1, body: SEEDED[1].body }] }] }));
    const cases: Array<[string, RegExp]> = [
      [join(folder, 'nowhere.json'), /^spam:eval: cannot read .*nowhere\.json: no such file$/],
      [malformed, /^spam:eval: .*cut-short\.json is not valid JSON( \(the fault is at character \d+\))?: not a Kolom JSON export$/],
      [other, /^spam:eval: .*other\.json is not a Kolom JSON export: it has no "kolom-export" version; write one with npm run kolom -- export/],
    ];
    for (const [file, message] of cases) {
      const run = await spamEval(['--export', file]);
      expect(run.code).toBe(1);
      const lines = run.stderr.trim().split('\n');
      expect(lines).toHaveLength(1);
      expect(lines[0]).toMatch(message);
      expect(readersDataIn(run.stderr + run.stdout)).toEqual([]);
    }
  }, 60_000);
});
