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

  it('is not on the public port, and answers nothing but /metrics on its own', async () => {
    expect((await fetch(`${kolom.baseUrl}/metrics`)).status).toBe(404);
    expect((await fetch(metricsUrl.replace('/metrics', '/health'))).status).toBe(404);
  });
});
