import type { AddressInfo } from 'node:net';
import type { NestExpressApplication } from '@nestjs/platform-express';
import { getDataSourceToken } from '@nestjs/typeorm';
import type { DataSource } from 'typeorm';
import { createKolomApp } from '../../src/app.js';
import { KolomConfig, loadConfig } from '../../src/config/config.js';
import type { SiteSettings } from '../../src/sites/site-settings.js';
import type { Site } from '../../src/sites/site.entity.js';
import { SitesService } from '../../src/sites/sites.service.js';
import type { ModeratorRole } from '../../src/moderation/accounts/moderator.entity.js';
import { ModeratorsService } from '../../src/moderation/accounts/moderators.service.js';
import type { CommentStatus } from '../../src/threads/comment-status.js';
import { type HttpAnswer as TypedAnswer, httpTo, type KolomHttp } from './http.js';
import { createTestDatabase, TestDatabase } from './test-database.js';

/** An answer as raw requests read it, untyped unless told; the vocabulary (reader.ts, moderator.ts) answers with the server's shapes. */
export type HttpAnswer<T = any> = TypedAnswer<T>;
export { commentForm } from './reader.js';

export interface SignedInModerator {
  id: number;
  email: string;
  password: string;
  token: string;
  headers: { authorization: string };
}

export interface TestKolom extends KolomHttp {
  baseUrl: string;
  request<T = any>(method: string, path: string, body?: unknown, headers?: Record<string, string>): Promise<HttpAnswer<T>>;
  app: NestExpressApplication;
  dataSource: DataSource;
  config: KolomConfig;
  /**
   * A site on origin https://news.example. The flood and time-to-submit checks are off unless the
   * test sets floodSeconds or minSubmitSeconds: most tests post several comments at once, without
   * loading a thread first.
   */
  createSite(settings?: Partial<SiteSettings>, slug?: string): Promise<Site>;
  /** What the spam checks decided about a stored comment: its status, score and reasons. */
  verdictOf(commentId: number): Promise<{ status: CommentStatus; score: number | null; reasons: string[] }>;
  /**
   * A moderator account (or an admin, who sees every site), signed in through the API: the
   * headers carry its bearer token.
   */
  signIn(role: ModeratorRole, sites?: Site[]): Promise<SignedInModerator>;
  /** Every JSON answer so far, for the private-data walk. */
  answers: Array<{ method: string; path: string; body: unknown }>;
  close(): Promise<void>;
}

let siteCounter = 0;
let moderatorCounter = 0;

/** The real application on a real database, listening on a free port, talked to over HTTP. */
export async function startKolom(env: Record<string, string> = {}): Promise<TestKolom> {
  const database: TestDatabase = await createTestDatabase();
  // TEST_LOG_LEVEL=warn shows the server's own log lines, to find the cause of an unexpected answer.
  const config = loadConfig({ NODE_ENV: 'test', LOG_LEVEL: process.env.TEST_LOG_LEVEL ?? 'silent', PORT: '0', ...env });
  const app = await createKolomApp(config, database.target);
  await app.listen(0, '127.0.0.1');
  const { port } = app.getHttpServer().address() as AddressInfo;
  const baseUrl = `http://127.0.0.1:${port}`;
  const answers: TestKolom['answers'] = [];
  const http = httpTo(baseUrl, (method, path, body) => answers.push({ method, path, body }));

  return {
    baseUrl,
    app,
    config,
    answers,
    dataSource: app.get<DataSource>(getDataSourceToken()),
    createSite: (settings = {}, slug = `site-${process.pid}-${++siteCounter}`) =>
      app
        .get(SitesService)
        .create({ slug, origins: ['https://news.example'], settings: { floodSeconds: 0, minSubmitSeconds: 0, newArticlesPerHour: 0, ...settings } }),
    request: (method, path, body, headers) => http.request(method, path, body, headers),
    async signIn(role, sites = []) {
      const email = `${role}-${process.pid}-${++moderatorCounter}@newsroom.example`;
      const password = `a long password ${moderatorCounter}`;
      const { moderator } = await app.get(ModeratorsService).create({ email, role, password, sites: sites.map((s) => s.slug) });
      const response = await fetch(`${baseUrl}/api/v1/moderation/login`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ email, password }),
      });
      const { token } = (await response.json()) as { token: string };
      return { id: moderator.id, email, password, token, headers: { authorization: `Bearer ${token}` } };
    },
    async verdictOf(commentId) {
      const [row] = await app.get<DataSource>(getDataSourceToken()).query('SELECT status, spam_score, spam_reasons FROM comments WHERE id = $1', [commentId]);
      return { status: row.status, score: row.spam_score, reasons: row.spam_reasons };
    },
    async close() {
      await app.close();
      await database.drop();
    },
  };
}
