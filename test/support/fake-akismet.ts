import { createServer, type IncomingHttpHeaders } from 'node:http';
import type { AddressInfo } from 'node:net';

/** One request as the fake received it, the form already decoded. */
export interface AkismetRequest {
  method: string;
  path: string;
  headers: IncomingHttpHeaders;
  form: Record<string, string>;
}

export interface FakeAkismet {
  /** The REST root to give Kolom as AKISMET_URL. */
  url: string;
  requests: AkismetRequest[];
  /** The only api_key it accepts; any other answers `invalid`, as Akismet does. */
  key: string;
  /** Holds each answer this long, to exceed Kolom's timeout. */
  delayMs: number;
  /** Answers every request with this HTTP status and no verdict, e.g. 500. */
  failWith: number | null;
  /** Back to prompt, working answers; the recorded requests are kept. */
  reset(): void;
  close(): Promise<void>;
}

/**
 * A local stand-in for rest.akismet.com following Akismet's documented test values, so the tests
 * exercise the real protocol over real HTTP and never reach the internet.
 */
export async function startFakeAkismet(key = 'test-key'): Promise<FakeAkismet> {
  const timers = new Set<NodeJS.Timeout>();
  const server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => {
      const form = Object.fromEntries(new URLSearchParams(Buffer.concat(chunks).toString('utf8')));
      fake.requests.push({ method: req.method ?? '', path: req.url ?? '', headers: req.headers, form });
      const answer = () => {
        if (res.destroyed) return;
        if (fake.failWith !== null) return send(fake.failWith, 'Internal Server Error');
        if (req.method !== 'POST' || req.url !== '/1.1/comment-check') return send(404, 'Not Found');
        return reply(form);
      };
      if (fake.delayMs <= 0) return answer();
      const timer = setTimeout(() => {
        timers.delete(timer);
        answer();
      }, fake.delayMs);
      timers.add(timer);
    });

    function send(status: number, body: string, headers: Record<string, string> = {}) {
      res.writeHead(status, { 'Content-Type': 'text/plain; charset=utf-8', ...headers });
      res.end(body);
    }

    // The documented behaviour: required fields and key first, then the guaranteed answers.
    function reply(form: Record<string, string>) {
      if (!form.api_key) return send(200, 'invalid', { 'X-akismet-debug-help': 'Empty "api_key" value' });
      if (form.api_key !== fake.key) return send(200, 'invalid', { 'X-akismet-debug-help': 'Invalid key' });
      for (const field of ['blog', 'user_ip']) {
        if (!form[field]) return send(200, 'invalid', { 'X-akismet-debug-help': `Empty "${field}" value` });
      }
      if (form.user_role === 'administrator' && form.is_test === '1') return send(200, 'false');
      // Which guaranteed-spam value earns the "discard" tip is this fake's choice, so both verdicts can be tested.
      if (form.comment_author_email === 'akismet-guaranteed-spam@example.com') {
        return send(200, 'true', { 'X-akismet-pro-tip': 'discard', 'X-akismet-guid': 'fake-guid' });
      }
      if (form.comment_author === 'akismet-guaranteed-spam') return send(200, 'true', { 'X-akismet-guid': 'fake-guid' });
      return send(200, 'false');
    }
  });

  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => resolve());
  });
  const { port } = server.address() as AddressInfo;

  const fake: FakeAkismet = {
    url: `http://127.0.0.1:${port}`,
    requests: [],
    key,
    delayMs: 0,
    failWith: null,
    reset() {
      fake.key = key;
      fake.delayMs = 0;
      fake.failWith = null;
    },
    async close() {
      for (const timer of timers) clearTimeout(timer);
      // A client that gave up on a delayed answer may have left its connection open.
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
  return fake;
}
