/**
 * Moderation desk benchmark: the desk at /moderate in headless Chromium (Debian's /usr/bin/chromium
 * through playwright-core), on the built server against a throw-away PostgreSQL database, the demo
 * site holding every comment for a moderator (premoderation 'all'; flood and time-to-submit checks
 * off so the bench may post at its own pace). Two figures, each next to a baseline measured in the
 * same run:
 *
 * 1. A held comment reaching the moderator's screen. The desk is open on Pending, signed in through
 *    its form; each round POSTs a comment to /api/v1/comments and times from just before the POST
 *    (Date.now() in the bench) until its li.desk-item is in the desk's DOM (Date.now() in the page,
 *    from a MutationObserver; same machine, same wall clock, whole milliseconds), and until the
 *    animation frame after it. Baseline: a plain socket.io-client on /moderation with the desk's own token, receiving
 *    queue.added for the same comment, timed from the same moment.
 * 2. The desk's first render with a full Pending page: a fresh browser context with the session
 *    already in sessionStorage (as the sign-in form leaves it), timed from navigation start to 25
 *    items in ol.desk-items (performance.now() in the page, from a MutationObserver installed
 *    before the desk's script runs). Baseline: the same queue page, the desk's own request
 *    (GET /api/v1/moderation/queue?status=pending&…&limit=25, with the bearer token), as JSON over
 *    HTTP from node. The desk's CSP forbids eval, so the page reports through an exposed function
 *    rather than page.waitForFunction.
 *
 * Prints figures (p50, max), ratios against the baselines, the desk bundle's size, and PASS/MISS
 * against the 1 s budget for a held comment to reach the desk. Run with `npm run bench:desk`.
 */
import type { ChildProcess } from 'node:child_process';
import { performance } from 'node:perf_hooks';
import { setTimeout as sleep } from 'node:timers/promises';
import type pg from 'pg';
import { type Browser, chromium } from 'playwright-core';
import { CHROMIUM_FLAGS, CHROMIUM_PATH } from './support/chromium.js';
import type { Socket } from 'socket.io-client';
import { readManifest } from '../src/embed/bundles.js';
import type { SignedIn } from '../src/moderation/moderation-answers.js';
import type { QueueItem } from '../src/moderation/queue/queue.js';
import { createAdmin, openModerator, signInAnswer } from './moderation/moderation-desk.js';
import { BenchDatabase, openPool } from './support/bench-database.js';
import { freePort, spawnKolom, stopChild, suppressedServerLogLines } from './support/bench-server.js';
import { commentForm, postComment, SITE_CACHE_WAIT_MS } from './support/demo-site.js';
import { fmt, percentile, printHeading, printLoadAtEnd, printSummary, printTargets } from './support/report.js';
import { runBench } from './support/run-bench.js';

const WARM_UP_ROUNDS = 3;
const ROUNDS = 30;
/** Between rounds, so each comment arrives on a quiet desk. */
const ROUND_GAP_MS = 100;
const ROUND_TIMEOUT_MS = 10_000;
/** The desk's queue page (PAGE in src/desk/app/queue-view.ts). */
const PAGE = 25;
const RENDER_RUNS = 10;
const HTTP_RUNS = 20;
const TARGET_MS = 1_000;
const WAIT_MS = 30_000;
const ADMIN_EMAIL = 'desk-bench@example.org';
const ARTICLE_PATH = '/news/harbour-town-keeps-night-ferry';
/** Where the desk keeps its session: KEY in src/desk/app/session.ts. */
const SESSION_KEY = 'kolom-desk-session';

const database = new BenchDatabase();
const state = { server: null as ChildProcess | null, pool: null as pg.Pool | null, browser: null as Browser | null, sockets: new Set<Socket>() };

async function stop(): Promise<void> {
  await state.browser?.close().catch(() => undefined);
  for (const socket of state.sockets) socket.disconnect();
  state.sockets.clear();
  if (state.server) await stopChild(state.server, 'the server');
  await state.pool?.end().catch(() => undefined);
}

// ---------------------------------------------------------------------------------------------
// Helpers

const sorted = (values: number[]) => [...values].sort((a, b) => a - b);
const p50 = (values: number[]) => percentile(sorted(values), 50);
const max = (values: number[]) => (values.length > 0 ? Math.max(...values) : NaN);
const ratio = (value: number, baseline: number) => `${fmt(value / baseline, 1)} ×`;

/**
 * The desk's Content-Security-Policy forbids eval, so page.waitForFunction cannot run there: the
 * page reports through a function exposed by playwright (a CDP binding, which the CSP does not
 * govern) instead. The figures are taken in the page, so the report's own latency adds nothing.
 */
const REPORT = '__deskBenchReport';

/**
 * Runs in the desk page before its script: the wall-clock moment each li.desk-item[data-id] first
 * enters the DOM (the observer's callback runs right after the task that inserted it), and the
 * moment of the animation frame after that, the earliest it can be painted.
 */
const ARRIVAL_RECORDER = `(() => {
  const arrived = {};
  new MutationObserver((records) => {
    const now = Date.now();
    for (const record of records) {
      for (const node of record.addedNodes) {
        if (node.nodeType !== 1) continue;
        const items = node.matches('li.desk-item[data-id]') ? [node] : node.querySelectorAll('li.desk-item[data-id]');
        for (const item of items) {
          const id = item.getAttribute('data-id');
          if (id in arrived) continue;
          arrived[id] = now;
          requestAnimationFrame(() => window.${REPORT}(Number(id), now, Date.now()));
        }
      }
    }
  }).observe(document, { childList: true, subtree: true });
})();`;

/**
 * Runs in each fresh desk page before its script: the session as the sign-in form would have
 * saved it, and performance.now() (from navigation start) when the Pending list first holds a
 * full page.
 */
function firstRenderRecorder(session: SignedIn): string {
  return `(() => {
  try { sessionStorage.setItem(${JSON.stringify(SESSION_KEY)}, ${JSON.stringify(JSON.stringify(session))}); } catch {}
  const observer = new MutationObserver(() => {
    if (document.querySelectorAll('ol.desk-items > li.desk-item').length >= ${PAGE}) {
      const drawn = performance.now();
      observer.disconnect();
      window.${REPORT}(drawn);
    }
  });
  observer.observe(document, { childList: true, subtree: true });
})();`;
}

/** queue.added at the plain socket, by comment id: the wall-clock moment and the item's queue. */
function listenForArrivals(socket: Socket): Map<number, { at: number; queue: string | null }> {
  const arrivals = new Map<number, { at: number; queue: string | null }>();
  socket.on('queue.added', (event: { item: Pick<QueueItem, 'id' | 'queue'> }) => {
    const at = Date.now();
    if (!arrivals.has(event.item.id)) arrivals.set(event.item.id, { at, queue: event.item.queue });
  });
  return arrivals;
}

async function waitFor<T>(read: () => T | undefined, what: string, timeoutMs = ROUND_TIMEOUT_MS): Promise<T> {
  const started = performance.now();
  for (;;) {
    const value = read();
    if (value !== undefined) return value;
    if (performance.now() - started > timeoutMs) throw new Error(`${what}: nothing within ${timeoutMs} ms`);
    await sleep(2);
  }
}

interface Round {
  socketMs: number;
  domMs: number;
  frameMs: number;
  answerMs: number;
}

// ---------------------------------------------------------------------------------------------

async function main(): Promise<void> {
  const runStarted = performance.now();
  const { url: databaseUrl, pgVersion } = await database.create();
  printHeading('Kolom moderation desk benchmark', pgVersion);
  const port = await freePort();
  const server = spawnKolom(databaseUrl, port);
  state.server = server.child;
  const { base } = server;
  console.log(`server on ${base}; /health = 200 after ${fmt(await server.ready())} ms (migrations run); bench database ${database.name}`);
  state.pool = openPool(databaseUrl, 2);
  const updated = await state.pool.query<{ settings: unknown }>(
    `UPDATE sites SET settings = settings || '{"premoderation":"all","floodSeconds":0,"minSubmitSeconds":0,"newArticlesPerHour":0}' WHERE slug = 'demo' RETURNING settings`,
  );
  if (updated.rowCount !== 1) throw new Error('the server did not create the demo site');
  console.log(`demo site settings: ${JSON.stringify(updated.rows[0].settings)}; waiting ${SITE_CACHE_WAIT_MS / 1_000} s for the server's site cache`);
  const password = await createAdmin(databaseUrl, ADMIN_EMAIL);
  await sleep(SITE_CACHE_WAIT_MS);

  // 1. Held comment → the moderator's screen.
  // Playwright's own signal handlers would close the browser and exit before runBench's clean-up
  // has stopped the server and dropped the database: the clean-up closes the browser itself.
  state.browser = await chromium.launch({
    executablePath: CHROMIUM_PATH,
    args: CHROMIUM_FLAGS,
    handleSIGINT: false,
    handleSIGTERM: false,
    handleSIGHUP: false,
  });
  const deskContext = await state.browser.newContext();
  const deskArrivals = new Map<number, { arrived: number; framed: number }>();
  await deskContext.exposeFunction(REPORT, (id: number, arrived: number, framed: number) => {
    if (!deskArrivals.has(id)) deskArrivals.set(id, { arrived, framed });
  });
  await deskContext.addInitScript(ARRIVAL_RECORDER);
  const desk = await deskContext.newPage();
  const pageErrors: string[] = [];
  desk.on('pageerror', (error) => pageErrors.push(error.message));
  await desk.goto(`${base}/moderate`);
  await desk.fill('#sign-in-email', ADMIN_EMAIL);
  await desk.fill('#sign-in-password', password);
  await desk.click('form.desk-sign-in-form button[type="submit"]');
  await desk.locator('button.desk-sign-out').waitFor({ timeout: WAIT_MS });
  await desk.locator('.desk-connection[data-online="true"]').waitFor({ timeout: WAIT_MS });
  // The (empty) Pending page has loaded: a live arrival is no longer replaced by it.
  await desk.locator('section.desk-queue[data-queue="pending"] p.desk-empty:not([hidden])').waitFor({ timeout: WAIT_MS });
  const deskSession = JSON.parse(String(await desk.evaluate(`sessionStorage.getItem(${JSON.stringify(SESSION_KEY)})`))) as SignedIn;
  const socket = await openModerator(base, deskSession.token);
  state.sockets.add(socket);
  const socketArrivals = listenForArrivals(socket);
  console.log(
    `\n[held → desk] desk signed in through its form at ${base}/moderate, on Pending and live; a socket.io-client on /moderation with the desk's token; ` +
      `${WARM_UP_ROUNDS} warm-up + ${ROUNDS} rounds of POST /api/v1/comments (${ROUND_GAP_MS} ms apart)`,
  );

  const articleUrl = server.origin + ARTICLE_PATH;
  const rounds: Round[] = [];
  for (let r = 0; r < WARM_UP_ROUNDS + ROUNDS; r++) {
    const form = { ...commentForm(`desk ${r}`, articleUrl), name: `Reader ${r}`, email: `reader${r}@example.org` };
    const sent = Date.now();
    const posted = await postComment(base, form);
    const answered = Date.now();
    if (posted.status !== 201) throw new Error(`POST /api/v1/comments answered ${posted.status}: ${posted.text.slice(0, 300)}`);
    const answer = posted.json as { comment: { id: number }; status: string };
    if (answer.status !== 'pending') throw new Error(`the comment was not held (status ${answer.status}): is premoderation 'all' in force?`);
    const id = answer.comment.id;
    const heard = await waitFor(() => socketArrivals.get(id), `queue.added for comment ${id} at the plain socket`);
    if (heard.queue !== 'pending') throw new Error(`comment ${id} went to the ${heard.queue} queue, not pending`);
    const shown = await waitFor(
      () => deskArrivals.get(id),
      `comment ${id} on the desk${pageErrors.length > 0 ? ` (page errors: ${pageErrors.join('; ')})` : ''}`,
    );
    if (r >= WARM_UP_ROUNDS) rounds.push({ socketMs: heard.at - sent, domMs: shown.arrived - sent, frameMs: shown.framed - sent, answerMs: answered - sent });
    await sleep(ROUND_GAP_MS);
  }
  const listed = Number(await desk.evaluate(`document.querySelectorAll('ol.desk-items > li.desk-item').length`));
  console.log(`  desk ms per round: ${rounds.map((r) => r.domMs).join(' ')}`);
  console.log(`  the desk lists ${listed} held comments`);
  await deskContext.close();

  // 2. First render of the desk with a full Pending page.
  const session = await signInAnswer<SignedIn>(base, ADMIN_EMAIL, password);
  console.log(
    `\n[first render] signed in over POST /api/v1/moderation/login; ${RENDER_RUNS} runs after a warm-up, each a fresh browser context ` +
      `with sessionStorage['${SESSION_KEY}'] set before the desk's script runs`,
  );
  const deskUrls = new Set<string>();
  const firstRenders: Array<{ drawn: number; queueReceived: number; dcl: number }> = [];
  let drawnIds = '';
  for (let run = 0; run <= RENDER_RUNS; run++) {
    const context = await state.browser.newContext();
    let reported: number | undefined;
    await context.exposeFunction(REPORT, (drawnAt: number) => void (reported ??= drawnAt));
    await context.addInitScript(firstRenderRecorder(session));
    const page = await context.newPage();
    await page.goto(`${base}/moderate`);
    const drawn = await waitFor(() => reported, `${PAGE} items on the desk (run ${run})`, WAIT_MS);
    const [dcl, queueUrl, queueReceived, ids] = (await page.evaluate(`(() => {
      const queue = performance.getEntriesByType('resource').find((e) => e.name.includes('/api/v1/moderation/queue?'));
      const ids = [...document.querySelectorAll('ol.desk-items > li.desk-item')].slice(0, ${PAGE}).map((li) => li.getAttribute('data-id')).join(',');
      return [performance.getEntriesByType('navigation')[0].domContentLoadedEventEnd, queue ? queue.name : null, queue ? queue.responseEnd : NaN, ids];
    })()`)) as [number, string | null, number, string];
    await context.close();
    if (!queueUrl) throw new Error('the desk made no /api/v1/moderation/queue request that resource timing saw');
    deskUrls.add(queueUrl);
    drawnIds = ids;
    if (run === 0) continue;
    firstRenders.push({ drawn, queueReceived, dcl });
  }
  if (deskUrls.size !== 1) throw new Error(`the desk asked for different queue pages: ${[...deskUrls].join(', ')}`);
  const [queueUrl] = deskUrls;

  // Baseline: the desk's own queue request, from node.
  const httpTimes: number[] = [];
  let httpIds = '';
  for (let i = 0; i < 3 + HTTP_RUNS; i++) {
    const started = performance.now();
    const response = await fetch(queueUrl, { headers: { authorization: `Bearer ${session.token}` } });
    const text = await response.text();
    const took = performance.now() - started;
    if (response.status !== 200) throw new Error(`GET ${queueUrl} answered ${response.status}: ${text.slice(0, 300)}`);
    httpIds = (JSON.parse(text) as { items: Array<{ id: number }> }).items.map((item) => item.id).join(',');
    if (i >= 3) httpTimes.push(took);
  }
  if (httpIds.split(',').length !== PAGE) throw new Error(`the queue page held ${httpIds.split(',').length} items, not ${PAGE}`);
  if (drawnIds !== httpIds) throw new Error(`the desk drew ${drawnIds}, the queue page is ${httpIds}`);
  console.log(`  the desk asked for ${queueUrl.replace(base, '')}; it drew the same ${PAGE} items, in the same order, as that page over HTTP`);

  // Summary.
  const socketMs = rounds.map((r) => r.socketMs);
  const domMs = rounds.map((r) => r.domMs);
  const frameMs = rounds.map((r) => r.frameMs);
  const answerMs = rounds.map((r) => r.answerMs);
  const drawn = firstRenders.map((r) => r.drawn);
  const received = firstRenders.map((r) => r.queueReceived);
  const dcl = firstRenders.map((r) => r.dcl);
  const row = (label: string, values: number[], baseline: number): string[] => [label, fmt(p50(values), 1), fmt(max(values), 1), ratio(p50(values), baseline)];
  printSummary(
    [
      ['', 'p50 ms', 'max ms', 'p50 ÷ baseline'],
      [`held comment → moderator, from just before the POST (${ROUNDS} rounds)`, '', '', ''],
      row('  socket.io-client on /moderation: queue.added (baseline)', socketMs, p50(socketMs)),
      row('  POST /api/v1/comments answered (201, pending)', answerMs, p50(socketMs)),
      row('  desk: item in the Pending list (DOM)', domMs, p50(socketMs)),
      row('  desk: the animation frame after it', frameMs, p50(socketMs)),
      [`desk first render, ${PAGE} pending items (${RENDER_RUNS} runs)`, '', '', ''],
      row(`  GET …/moderation/queue page of ${PAGE} over HTTP from node (baseline, ${HTTP_RUNS} runs)`, httpTimes, p50(httpTimes)),
      row('  desk: navigation → DOMContentLoaded', dcl, p50(httpTimes)),
      row('  desk: navigation → queue page received (resource timing)', received, p50(httpTimes)),
      row(`  desk: navigation → ${PAGE} items drawn`, drawn, p50(httpTimes)),
    ],
    1,
    '   ',
  );
  const manifest = readManifest('desk');
  const assets = [manifest.script, ...(manifest.style ? [manifest.style] : [])];
  const total = (key: 'bytes' | 'gzipBytes') => assets.reduce((sum, asset) => sum + asset[key], 0);
  console.log(
    `\ndesk bundle: ${assets.map((a) => `${a.file} ${fmt(a.bytes)} bytes (${fmt(a.gzipBytes)} gzipped)`).join(', ')}; ` +
      `together ${fmt(total('bytes'))} bytes, ${fmt(total('gzipBytes'))} gzipped`,
  );
  printTargets([
    [`held comment on the moderator's desk ≤ ${fmt(TARGET_MS)} ms (p50, from before the POST)`, `${fmt(p50(domMs), 1)} ms`, p50(domMs) <= TARGET_MS],
  ]);
  if (pageErrors.length > 0) console.log(`\npage errors on the desk: ${pageErrors.join('; ')}`);
  printLoadAtEnd();
  const suppressed = suppressedServerLogLines();
  if (suppressed > 0) console.log(`\n(${fmt(suppressed)} more server log lines not shown)`);
  console.log(`total run time ${fmt((performance.now() - runStarted) / 1_000, 1)} s`);
}

runBench(main, { database, stopping: 'the server and the browser', stop });
