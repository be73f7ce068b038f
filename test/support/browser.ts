import { afterEach, beforeEach, expect } from '@jest/globals';
import { mkdir } from 'node:fs/promises';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { fileURLToPath } from 'node:url';
import { type Browser, type BrowserContext, type BrowserContextOptions, chromium, type Page } from 'playwright-core';
import { CHROMIUM_FLAGS, CHROMIUM_PATH } from '../../bench/support/chromium.js';

/**
 * Real-browser tests: Debian's Chromium driven by playwright-core, and a news site of our own on
 * another loopback port that embeds Kolom with its one script tag, so every test is a true
 * cross-origin embed (two origins differ by port). Both stay on 127.0.0.1: Chromium's
 * local-network-access rules could block a page on a made-up public hostname calling loopback.
 */

export { CHROMIUM_FLAGS, CHROMIUM_PATH };

/** Once per test file: starting Chromium costs far more than a fresh context per test. */
export function launchChromium(): Promise<Browser> {
  return chromium.launch({ executablePath: CHROMIUM_PATH, headless: true, args: CHROMIUM_FLAGS });
}

/**
 * One person reading the news: a fresh browser context (its own localStorage and cookies), with every
 * request its pages make, websocket handshakes included, and what their consoles reported.
 */
export interface Reader {
  context: BrowserContext;
  pages: Page[];
  requests: string[];
  /** Uncaught page errors and console errors, for the failure message when a page misbehaves. */
  errors: string[];
  /** alert/confirm/prompt messages: a page that opens one ran something it should not have. */
  dialogs: string[];
  open(url: string): Promise<Page>;
}

/** Hands out readers and closes all of them after each test. */
export class Readers {
  private readonly open: Reader[] = [];

  constructor(private readonly browser: () => Browser) {}

  async add(options: BrowserContextOptions = {}): Promise<Reader> {
    const context = await this.browser().newContext(options);
    const requests: string[] = [];
    const errors: string[] = [];
    const dialogs: string[] = [];
    const pages: Page[] = [];
    context.on('request', (request) => requests.push(request.url()));
    const reader: Reader = {
      context,
      pages,
      requests,
      errors,
      dialogs,
      async open(url) {
        const page = await context.newPage();
        pages.push(page);
        page.on('websocket', (socket) => requests.push(socket.url()));
        page.on('dialog', (dialog) => {
          dialogs.push(`${dialog.type()}: ${dialog.message()}`);
          void dialog.dismiss().catch(() => undefined);
        });
        page.on('pageerror', (error) => errors.push(`page error: ${error.message}`));
        page.on('console', (message) => {
          if (message.type() === 'error') errors.push(`console: ${message.text()}`);
        });
        await page.goto(url);
        return page;
      },
    };
    this.open.push(reader);
    return reader;
  }

  /** Every page still open, for a last screenshot. */
  pages(): Page[] {
    return this.open.flatMap((reader) => reader.pages.filter((page) => !page.isClosed()));
  }

  async closeAll(): Promise<void> {
    await Promise.all(this.open.splice(0).map((reader) => reader.context.close()));
  }
}

const ARTIFACTS = fileURLToPath(new URL('../../test-artifacts/', import.meta.url));

/** Saves a full-page screenshot as a test artifact, test-artifacts/<folder>/<name>.png; returns its path. */
export async function saveScreenshot(page: Page, folder: string, name: string): Promise<string> {
  const directory = `${ARTIFACTS}${folder}`;
  await mkdir(directory, { recursive: true });
  const file = `${directory}/${fileName(name)}.png`;
  await page.screenshot({ path: file, fullPage: true });
  return file;
}

export interface Artifacts {
  /** The running test's own title (without its describe block's), shortened for file names. */
  testName(): string;
  /** A screenshot in the middle of a test, beside the ones every test leaves at its end. */
  shoot(page: Page, moment: string): Promise<string>;
}

/**
 * The hooks every browser test file shares, registered in the calling describe block: after each
 * test, failed ones included, every page still open is saved as test-artifacts/<folder>/<test>.png
 * (that is what the test saw), then every reader's context is closed.
 */
export function keepPagesAsArtifacts(readers: Readers, folder: string, describeTitle: string): Artifacts {
  let testName = '';
  beforeEach(() => {
    const full = expect.getState().currentTestName ?? 'unnamed test';
    // Short enough to leave room for a page number in the file name.
    testName = (full.startsWith(`${describeTitle} `) ? full.slice(describeTitle.length + 1) : full).slice(0, 100);
  });
  afterEach(async () => {
    const pages = readers.pages();
    for (const [index, page] of pages.entries()) {
      await saveScreenshot(page, folder, pages.length > 1 ? `${testName} page ${index + 1}` : testName).catch(() => undefined);
    }
    await readers.closeAll();
  });
  return { testName: () => testName, shoot: (page, moment) => saveScreenshot(page, folder, `${testName} ${moment}`) };
}

function fileName(name: string): string {
  return name
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-|-$/g, '')
    .slice(0, 150);
}

/** The page a news site publishes, with Kolom's snippet under the story. */
export interface ArticlePage {
  /** The Kolom site slug in `data-site`. */
  site: string;
  /** Path on the news host; a new story path when left out. */
  path?: string;
  /** `<html lang>`; English when left out. */
  lang?: string;
  /** The snippet's options, written as data attributes when given. */
  dataLang?: string;
  dataSort?: 'oldest' | 'newest';
  dataUrl?: string;
  dataTitle?: string;
  /** The site's sign-in token for its reader (`data-sso`). */
  dataSso?: string;
  /** A dark page: dark background, light text, `color-scheme: dark`. */
  dark?: boolean;
  /** The page's canonical link; its own address when left out, none when null. */
  canonical?: string | null;
}

export interface PublishedArticle {
  /** Where a reader opens it. */
  url: string;
  /** The canonical URL, the article Kolom files the thread under. */
  canonical: string;
}

export interface NewsHost {
  /** http://127.0.0.1:PORT, the origin Kolom's site must allow. */
  origin: string;
  publish(page: ArticlePage): PublishedArticle;
  /** Any other page of the news site (a homepage with its article list), as given; answers its address. */
  serve(path: string, html: string): string;
  close(): Promise<void>;
}

/** A small news site on its own loopback port that embeds Kolom from `kolomBaseUrl`. */
export async function startNewsHost(kolomBaseUrl: string): Promise<NewsHost> {
  const pages = new Map<string, string>();
  let storyCounter = 0;
  const server: Server = createServer((request, response) => {
    const path = new URL(request.url ?? '/', 'http://host').pathname;
    const html = pages.get(path);
    if (request.method === 'GET' && html !== undefined) {
      response.writeHead(200, { 'content-type': 'text/html; charset=utf-8', 'cache-control': 'no-store' });
      response.end(html);
    } else {
      response.writeHead(path === '/favicon.ico' ? 204 : 404);
      response.end();
    }
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;

  return {
    origin,
    publish(page) {
      const path = page.path ?? `/city/transit-story-${++storyCounter}`;
      const url = origin + path;
      const canonical = page.canonical === undefined ? url : page.canonical;
      pages.set(path, articleHtml(page, kolomBaseUrl, canonical));
      return { url, canonical: page.dataUrl ?? canonical ?? url };
    },
    serve(path, html) {
      pages.set(path, html);
      return origin + path;
    },
    close: () =>
      new Promise<void>((resolve, reject) => {
        server.closeAllConnections();
        server.close((error) => (error ? reject(error) : resolve()));
      }),
  };
}

const STORY = {
  en: {
    kicker: 'City',
    headline: 'Night buses return to five routes as ridership climbs past pre-pandemic levels',
    byline: 'By Dewi Anggraini, Transport Correspondent',
    paragraphs: [
      'The city transit authority will restore overnight service on five bus routes from next month, after weekday ridership rose for the ninth straight quarter.',
      '"Nurses, bakers and cleaners have been asking for this for two years," the authority\'s director told reporters at the Harmoni depot on Tuesday.',
      'The routes will run every 30 minutes between midnight and 5 a.m. Fares stay unchanged.',
    ],
  },
  id: {
    kicker: 'Metropolitan',
    headline: 'Bus malam kembali melayani lima rute seiring jumlah penumpang melampaui masa sebelum pandemi',
    byline: 'Oleh Dewi Anggraini, Wartawan Transportasi',
    paragraphs: [
      'Otoritas transportasi kota akan memulihkan layanan malam di lima rute bus mulai bulan depan, setelah jumlah penumpang hari kerja naik sembilan triwulan berturut-turut.',
      '"Perawat, pembuat roti, dan petugas kebersihan sudah dua tahun memintanya," kata direktur otoritas itu kepada wartawan di depo Harmoni, Selasa.',
      'Bus akan berangkat setiap 30 menit antara tengah malam dan pukul 05.00. Tarif tidak berubah.',
    ],
  },
};

function articleHtml(page: ArticlePage, kolomBaseUrl: string, canonical: string | null): string {
  const lang = page.lang ?? 'en';
  const story = lang.startsWith('id') ? STORY.id : STORY.en;
  const options: Array<[string, string | undefined]> = [
    ['data-lang', page.dataLang],
    ['data-sort', page.dataSort],
    ['data-url', page.dataUrl],
    ['data-title', page.dataTitle],
    ['data-sso', page.dataSso],
  ];
  const dataAttributes = options
    .filter(([, value]) => value !== undefined)
    .map(([name, value]) => ` ${name}="${escapeHtml(value as string)}"`)
    .join('');
  const colours = page.dark ? 'color-scheme: dark; background: #121417; color: #e6e6e6;' : 'color-scheme: light; background: #ffffff; color: #1d1d1f;';
  return `<!doctype html>
<html lang="${escapeHtml(lang)}">
<head>
<meta charset="utf-8">
${page.dark ? '<meta name="color-scheme" content="dark">\n' : ''}<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${escapeHtml(story.headline)} | Harian Kota</title>
${canonical === null ? '' : `<link rel="canonical" href="${escapeHtml(canonical)}">\n`}<style>
  html { ${colours} }
  body { margin: 0 auto; max-width: 46rem; padding: 1.5rem; font: 18px/1.6 Georgia, serif; }
  .masthead { font: 700 1.4rem system-ui, sans-serif; border-bottom: 3px solid currentColor; padding-bottom: .4rem; }
  .kicker { font: 600 .8rem system-ui, sans-serif; text-transform: uppercase; letter-spacing: .08em; color: #c0392b; }
  h1 { font-size: 2rem; line-height: 1.2; margin: .3rem 0 .6rem; }
  .byline { font: .9rem system-ui, sans-serif; opacity: .75; }
</style>
</head>
<body>
<header class="masthead">Harian Kota</header>
<article>
<p class="kicker">${escapeHtml(story.kicker)}</p>
<h1>${escapeHtml(story.headline)}</h1>
<p class="byline">${escapeHtml(story.byline)}</p>
${story.paragraphs.map((p) => `<p>${escapeHtml(p)}</p>`).join('\n')}
</article>
<div id="kolom-thread"></div>
<script src="${escapeHtml(kolomBaseUrl)}/embed.js" data-site="${escapeHtml(page.site)}"${dataAttributes} async></script>
</body>
</html>
`;
}

function escapeHtml(value: string): string {
  return value.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
}
