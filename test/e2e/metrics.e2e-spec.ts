import { readFileSync } from 'node:fs';
import { connectLive } from '../support/live-client.js';
import { readerOf } from '../support/reader.js';
import { freePort } from '../support/server-process.js';
import { startKolom, type TestKolom } from '../support/test-app.js';

/** Prometheus metrics on a port of their own, never on the public one. */
describe('metrics', () => {
  let kolom: TestKolom;
  let metricsUrl: string;

  beforeAll(async () => {
    const port = await freePort();
    kolom = await startKolom({ METRICS_PORT: String(port) });
    metricsUrl = `http://127.0.0.1:${port}/metrics`;
  });
  afterAll(() => kolom.close());

  const scrape = async () => {
    const answer = await fetch(metricsUrl);
    expect(answer.status).toBe(200);
    expect(answer.headers.get('content-type')).toContain('text/plain');
    return answer.text();
  };
  const value = (text: string, series: string) => Number(new RegExp(`^${series.replace(/[{}"+]/g, '\\$&')} (\\S+)$`, 'm').exec(text)?.[1] ?? NaN);

  it('counts comments by outcome, spam findings by check, moderation actions, cache lookups and HTTP answers by route pattern', async () => {
    const site = await kolom.createSite({ moderationWords: ['casino'] });
    const moderator = await kolom.signIn('moderator', [site]);
    const reader = readerOf(kolom);
    const url = 'https://news.example/metrics/story';
    await reader.publish(site, { url, body: 'A fine remark.' });
    const held = await reader.post(site, { url, body: 'Visit the casino tonight.' });
    await reader.thread(site, url);
    await reader.thread(site, url);
    expect((await kolom.request('POST', `/api/v1/moderation/comments/${held.comment.id}/trash`, {}, moderator.headers)).status).toBe(200);

    const text = await scrape();
    expect(value(text, 'kolom_comments_posted_total{status="approved"}')).toBe(1);
    expect(value(text, 'kolom_comments_posted_total{status="pending"}')).toBe(1);
    expect(value(text, 'kolom_spam_findings_total{check="words"}')).toBeGreaterThanOrEqual(1);
    expect(value(text, 'kolom_moderation_actions_total{action="trash"}')).toBe(1);
    expect(value(text, 'kolom_thread_page_cache_total{result="hit"}')).toBeGreaterThanOrEqual(1);
    expect(text).toMatch(/^kolom_http_request_duration_seconds_count\{method="POST",route="\/api\/v1\/comments",status="2xx"\} 2$/m);
    expect(text).toMatch(/route="\/api\/v1\/moderation\/comments\/:id\/:action"/);
    // Never a path with an id or a URL in it: one series per route, not per comment.
    expect(text).not.toContain(`/comments/${held.comment.id}`);
    for (const name of ['kolom_live_connections', 'kolom_db_pool_connections', 'kolom_mail_outbox_queued', 'kolom_nodejs_eventloop_lag_seconds']) {
      expect(text).toMatch(new RegExp(`^${name} `, 'm'));
    }
  });

  it('tells how live delivery keeps up: the lag from commit to emit, the outbox backlog, sockets, rooms and the pool', async () => {
    const site = await kolom.createSite();
    const reader = readerOf(kolom);
    const url = 'https://news.example/metrics/live';
    await reader.publish(site, { url, body: 'The first comment starts the thread.' });
    const live = await connectLive(kolom.baseUrl, { origin: 'https://news.example' });
    try {
      expect(await live.join({ site: site.slug, url })).toMatchObject({ articleId: expect.any(Number) });
      const before = await scrape();
      const posted = await reader.publish(site, { url, body: 'Delivered live.' });
      await live.waitFor((e) => e.name === 'comment.created' && e.payload.id === posted.comment.id);

      const text = await scrape();
      const delivered = value(text, 'kolom_live_delivery_lag_seconds_count') - (value(before, 'kolom_live_delivery_lag_seconds_count') || 0);
      expect(delivered).toBeGreaterThanOrEqual(1);
      const lag = value(text, 'kolom_live_delivery_lag_seconds_sum') - (value(before, 'kolom_live_delivery_lag_seconds_sum') || 0);
      expect(lag).toBeGreaterThanOrEqual(0);
      expect(lag / delivered).toBeLessThan(5);
      expect(value(text, 'kolom_live_delivery_lag_seconds_bucket{le="+Inf"}')).toBe(value(text, 'kolom_live_delivery_lag_seconds_count'));
      expect(value(text, 'kolom_live_events_sent_total{event="comment.created"}')).toBeGreaterThanOrEqual(1);
      // Everything this node follows is sent: nothing waits in the outbox.
      expect(value(text, 'kolom_live_outbox_backlog')).toBe(0);
      expect(value(text, 'kolom_live_connections')).toBeGreaterThanOrEqual(1);
      // One article followed: the room counts, the socket's own room does not.
      expect(value(text, 'kolom_live_rooms')).toBe(1);
      expect(value(text, 'kolom_db_pool_connections')).toBeGreaterThanOrEqual(1);
      expect(value(text, 'kolom_db_pool_connections')).toBeLessThanOrEqual(kolom.config.databasePoolSize);
      expect(value(text, 'kolom_db_pool_idle')).toBeGreaterThanOrEqual(0);
      // The scrape's own gauges query at once (the embedded database has a pool of one): a few may wait.
      expect(value(text, 'kolom_db_pool_waiting')).toBeGreaterThanOrEqual(0);
    } finally {
      live.close();
    }
  });

  it('the sample Grafana dashboard (docs/grafana-dashboard.json) asks only for series a node serves', async () => {
    const dashboard = JSON.parse(readFileSync('docs/grafana-dashboard.json', 'utf8')) as { panels: Array<{ targets: Array<{ expr: string }> }> };
    const asked = new Set(dashboard.panels.flatMap((panel) => panel.targets.flatMap((target) => target.expr.match(/kolom_\w+/g) ?? [])));
    const served = new Set([...(await scrape()).matchAll(/^# TYPE (\w+) /gm)].map((match) => match[1]));
    const missing = [...asked].filter((name) => !served.has(name) && !served.has(name.replace(/_(bucket|count|sum)$/, '')));
    expect(asked.size).toBeGreaterThan(10);
    expect(missing).toEqual([]);
  });

  it('is not on the public port, and answers nothing but /metrics on its own', async () => {
    expect((await fetch(`${kolom.baseUrl}/metrics`)).status).toBe(404);
    expect((await fetch(metricsUrl.replace('/metrics', '/health'))).status).toBe(404);
  });
});
