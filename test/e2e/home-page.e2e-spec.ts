import { startKolom, type TestKolom } from '../support/test-app.js';

/**
 * `/` on the comments host. The demo (a site and an article with a public comment form) is for a
 * newcomer's first minute; a newsroom's production server starts without it.
 */
describe('the home page', () => {
  describe('in production, without KOLOM_DEMO', () => {
    let kolom: TestKolom;
    beforeAll(async () => {
      kolom = await startKolom({ NODE_ENV: 'production' });
    });
    afterAll(async () => kolom?.close());

    it('says what the host is and links to the desk and the API documents, with no comment form and no script', async () => {
      expect(kolom.config.demo).toBe(false);
      const answer = await fetch(`${kolom.baseUrl}/`);
      expect(answer.status).toBe(200);
      expect(answer.headers.get('content-type')).toBe('text/html; charset=utf-8');
      const policy = answer.headers.get('content-security-policy') ?? '';
      expect(policy.split('; ')).toEqual(expect.arrayContaining(["default-src 'none'", "form-action 'none'", "frame-ancestors 'none'"]));
      expect(policy).not.toContain('script-src');
      const page = await answer.text();
      expect(page).toContain('Kolom comments server');
      expect(page).toContain('href="/moderate"');
      expect(page).toContain('href="/docs"');
      expect(page).toContain('href="/docs/asyncapi.json"');
      expect(page).not.toMatch(/<form|<script|kolom-thread/);
    });

    it('has no demo article and no demo site', async () => {
      expect((await fetch(`${kolom.baseUrl}/news/harbour-town-keeps-night-ferry`)).status).toBe(404);
      const thread = await kolom.request('GET', `/api/v1/threads?site=demo&url=${encodeURIComponent(`${kolom.config.publicUrl}/news/a`)}`);
      expect(thread.status).toBe(404);
    });
  });

  it('is the demo article when KOLOM_DEMO asks for it, in production too', async () => {
    const kolom = await startKolom({ NODE_ENV: 'production', KOLOM_DEMO: '1' });
    try {
      const page = await (await fetch(`${kolom.baseUrl}/`)).text();
      expect(page).toContain('Harbour town votes to keep its night ferry');
      expect(page).toContain('<script src="/embed.js" data-site="demo"');
      expect((await fetch(`${kolom.baseUrl}/news/harbour-town-keeps-night-ferry`)).status).toBe(200);
    } finally {
      await kolom.close();
    }
  });
});
