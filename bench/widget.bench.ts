/**
 * Widget benchmark: the first render of a 100-comment thread in headless Chromium (Debian's
 * /usr/bin/chromium through playwright-core), read from the widget's own Performance API measure
 * `kolom:first-render` (from `kolom:start`, the bundle's first line, to the thread drawn and the
 * form ready), on the demo article of the built server against a throw-away PostgreSQL database.
 * Baseline in the same run: the same 100 comments as plain server-rendered HTML, from navigation
 * start to DOMContentLoaded. Prints figures and PASS/MISS against the 300 ms budget, plus the
 * bundle's size against its 45 KB gzipped budget. Run with `npm run bench:widget`.
 */
import type { ChildProcess } from 'node:child_process';
import { createServer, type Server } from 'node:http';
import type pg from 'pg';
import { type Browser, chromium } from 'playwright-core';
import { CHROMIUM_FLAGS, CHROMIUM_PATH } from './support/chromium.js';
import { readManifest } from '../src/embed/bundles.js';
import { BenchDatabase, openPool } from './support/bench-database.js';
import { freePort, spawnKolom, stopChild } from './support/bench-server.js';
import { commentForm, letBenchPost, postComment, SITE_CACHE_WAIT_MS } from './support/demo-site.js';
import { fmt, percentile, printHeading, printLoadAtEnd, printSummary, printTargets } from './support/report.js';
import { runBench } from './support/run-bench.js';

const TOP_LEVEL = 50;
const RUNS = 9;
const BUDGET_MS = 300;
const GZIP_BUDGET = 45 * 1024;
const ARTICLE_PATH = '/news/harbour-town-keeps-night-ferry';

const database = new BenchDatabase();
const state = { server: null as ChildProcess | null, pool: null as pg.Pool | null, browser: null as Browser | null, baseline: null as Server | null };

async function stop(): Promise<void> {
  await state.browser?.close().catch(() => undefined);
  state.baseline?.close();
  if (state.server) await stopChild(state.server, 'the server');
  await state.pool?.end().catch(() => undefined);
}

async function main(): Promise<void> {
  const { url: databaseUrl, pgVersion } = await database.create();
  printHeading('Kolom widget benchmark', pgVersion);
  const port = await freePort();
  const server = spawnKolom(databaseUrl, port);
  state.server = server.child;
  await server.ready();
  state.pool = openPool(databaseUrl, 2);
  await letBenchPost(state.pool);
  await new Promise((resolve) => setTimeout(resolve, SITE_CACHE_WAIT_MS));

  // 50 readers' comments, each with one reply: 100 comments, all on the first page.
  const articleUrl = server.origin + ARTICLE_PATH;
  const seeded: Array<{ name: string; body: string; replies: Array<{ name: string; body: string }> }> = [];
  for (let i = 0; i < TOP_LEVEL; i += 1) {
    const form = { ...commentForm(`top ${i}`, articleUrl), name: `Reader ${i}`, email: `reader${i}@example.org` };
    const parent = await postComment(server.base, form);
    if (parent.status !== 201) throw new Error(`seeding answered ${parent.status}: ${parent.text}`);
    const reply = {
      ...commentForm(`reply ${i}`, articleUrl),
      name: `Replier ${i}`,
      email: `replier${i}@example.org`,
      parentId: (parent.json as { comment: { id: number } }).comment.id,
    };
    const answered = await postComment(server.base, reply);
    if (answered.status !== 201) throw new Error(`seeding answered ${answered.status}: ${answered.text}`);
    seeded.push({ name: form.name, body: form.body, replies: [{ name: reply.name, body: reply.body }] });
  }
  console.log(`seeded ${TOP_LEVEL * 2} comments on ${articleUrl}`);

  const baselineUrl = await serveBaseline(seeded);
  state.browser = await chromium.launch({ executablePath: CHROMIUM_PATH, args: CHROMIUM_FLAGS });
  const widget: number[] = [];
  const fromNavigation: number[] = [];
  const plain: number[] = [];
  // One warm-up of each, as a live site's server and the browser's own caches would be.
  for (let run = 0; run <= RUNS; run += 1) {
    const context = await state.browser.newContext();
    const page = await context.newPage();
    await page.goto(`${server.base.replace('127.0.0.1', 'localhost')}${ARTICLE_PATH}`);
    await page.waitForFunction(`performance.getEntriesByName('kolom:first-render').length > 0`, undefined, { timeout: 30_000 });
    const shown = await page.locator('li.kolom-comment').count();
    if (shown !== TOP_LEVEL * 2) throw new Error(`the widget showed ${shown} comments, not ${TOP_LEVEL * 2}`);
    const figure = (await page.evaluate(
      `(() => { const m = performance.getEntriesByName('kolom:first-render')[0]; return [m.duration, m.startTime + m.duration]; })()`,
    )) as [number, number];
    await context.close();

    const plainContext = await state.browser.newContext();
    const plainPage = await plainContext.newPage();
    await plainPage.goto(baselineUrl, { waitUntil: 'domcontentloaded' });
    const loaded = (await plainPage.evaluate(`performance.getEntriesByType('navigation')[0].domContentLoadedEventEnd`)) as number;
    await plainContext.close();
    if (run === 0) continue;
    widget.push(figure[0]);
    fromNavigation.push(figure[1]);
    plain.push(loaded);
  }

  const manifest = readManifest('widget').script;
  const sorted = (values: number[]) => [...values].sort((a, b) => a - b);
  const p50 = (values: number[]) => percentile(sorted(values), 50);
  const max = (values: number[]) => Math.max(...values);
  console.log('');
  printSummary(
    [
      ['', 'p50 ms', 'max ms', 'p50 ÷ plain'],
      ['plain HTML of the same 100 comments, navigation → DOMContentLoaded (baseline)', fmt(p50(plain), 1), fmt(max(plain), 1), '1.0 ×'],
      ['widget first render, kolom:start → thread drawn', fmt(p50(widget), 1), fmt(max(widget), 1), `${fmt(p50(widget) / p50(plain), 1)} ×`],
      [
        'widget first render, navigation → thread drawn',
        fmt(p50(fromNavigation), 1),
        fmt(max(fromNavigation), 1),
        `${fmt(p50(fromNavigation) / p50(plain), 1)} ×`,
      ],
    ],
    1,
    '   ',
  );
  console.log(
    `\nbundle ${manifest.file}: ${fmt(manifest.bytes)} bytes, ${fmt(manifest.gzipBytes)} gzipped; ${RUNS} runs after a warm-up, each in a fresh browser context`,
  );
  printTargets([
    [`first render of a 100-comment thread ≤ ${BUDGET_MS} ms (p50)`, `${fmt(p50(widget), 1)} ms`, p50(widget) <= BUDGET_MS],
    [`bundle ≤ 45 KB gzipped, socket.io-client included`, `${fmt(manifest.gzipBytes / 1024, 1)} KB`, manifest.gzipBytes <= GZIP_BUDGET],
  ]);
  printLoadAtEnd();
}

/** The baseline page: the same comments as plain HTML, served from memory. */
async function serveBaseline(comments: Array<{ name: string; body: string; replies: Array<{ name: string; body: string }> }>): Promise<string> {
  const escape = (text: string) => text.replace(/[&<>"]/g, (ch) => `&#${ch.charCodeAt(0)};`);
  const item = (c: { name: string; body: string }) =>
    `<li><article><b>${escape(c.name)}</b> <time>2 days ago</time><p>${escape(c.body)}</p><button>Reply</button></article>`;
  const html = `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>Baseline</title></head><body><h2>100 Comments</h2><ol>${comments
    .map((c) => `${item(c)}<ol>${c.replies.map((r) => `${item(r)}</li>`).join('')}</ol></li>`)
    .join('')}</ol></body></html>`;
  const port = await freePort();
  state.baseline = createServer((_, response) => response.writeHead(200, { 'content-type': 'text/html; charset=utf-8' }).end(html));
  await new Promise<void>((resolve) => state.baseline!.listen(port, '127.0.0.1', resolve));
  return `http://127.0.0.1:${port}/`;
}

runBench(main, { database, stopping: 'the server and the browser', stop });
