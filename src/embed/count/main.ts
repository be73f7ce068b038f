/**
 * Kolom's comment counts for article lists, as Disqus's count script does them:
 * `<script src="https://COMMENTS-HOST/count.js" data-site="SLUG" async></script>` fills every
 * `<span data-kolom-count data-url="…"></span>` on the page with its article's approved comments.
 *
 * - data-url is resolved against the page; without one, the href of the link the element is in.
 * - The text is "3 comments" / "1 comment" (English) or "3 komentar" (Indonesian), by the nearest
 *   `lang` (the page's `<html lang>`, or the script's data-lang); `data-kolom-count="number"` gives
 *   the bare number. Every filled element also gets `data-kolom-count-value="3"`, for styling.
 * - data-live on the script tag follows the first MAX_LIVE_ARTICLES distinct articles live.
 */
import { followCounts, MAX_LIVE_ARTICLES } from './live-counts.js';

/** The API's limit per request (MAX_COUNT_URLS). */
const BATCH_URLS = 100;
/** A request line stays well under the 8–16 KB servers and proxies take: long URLs make smaller batches. */
const BATCH_CHARS = 6_000;

function scriptElement(): HTMLScriptElement | null {
  const current = document.currentScript;
  return current instanceof HTMLScriptElement ? current : document.querySelector<HTMLScriptElement>('script[src*="/count.js"][data-site]');
}

function urlOf(element: HTMLElement): string | null {
  const given = element.dataset.url || element.closest('a')?.getAttribute('href');
  if (!given) return null;
  try {
    const url = new URL(given, location.href);
    url.hash = '';
    return url.href;
  } catch {
    return null;
  }
}

function words(count: number, lang: string): string {
  if (/^(id|in|ms)\b/i.test(lang)) return `${count} komentar`;
  return count === 1 ? '1 comment' : `${count} comments`;
}

function show(elements: HTMLElement[], count: number, scriptLang: string | undefined): void {
  for (const element of elements) {
    const lang = scriptLang || element.closest('[lang]')?.getAttribute('lang') || 'en';
    element.textContent = element.dataset.kolomCount === 'number' ? String(count) : words(count, lang);
    element.dataset.kolomCountValue = String(count);
  }
}

function batches(urls: string[]): string[][] {
  const out: string[][] = [];
  let batch: string[] = [];
  let chars = 0;
  for (const url of urls) {
    const size = encodeURIComponent(url).length + 5;
    if (batch.length === BATCH_URLS || (batch.length > 0 && chars + size > BATCH_CHARS)) {
      out.push(batch);
      batch = [];
      chars = 0;
    }
    batch.push(url);
    chars += size;
  }
  if (batch.length > 0) out.push(batch);
  return out;
}

async function fill(host: string, site: string, urls: string[], shown: (url: string, count: number) => void): Promise<void> {
  await Promise.all(
    batches(urls).map(async (batch) => {
      const request = new URL('/api/v1/counts', host);
      request.searchParams.set('site', site);
      for (const url of batch) request.searchParams.append('url', url);
      const response = await fetch(request, { credentials: 'omit' });
      if (!response.ok) throw new Error(`Kolom: the counts could not be loaded (${response.status}).`);
      const { counts } = (await response.json()) as { counts: Record<string, number> };
      for (const url of batch) if (typeof counts[url] === 'number') shown(url, counts[url]);
    }),
  );
}

function start(): void {
  const script = scriptElement();
  const site = script?.dataset.site;
  if (!script || !site) return;
  const host = new URL(script.src).origin;
  const elements = new Map<string, HTMLElement[]>();
  for (const element of document.querySelectorAll<HTMLElement>('[data-kolom-count]')) {
    const url = urlOf(element);
    if (url) elements.set(url, [...(elements.get(url) ?? []), element]);
  }
  if (elements.size === 0) return;
  const urls = [...elements.keys()];
  const shown = (url: string, count: number) => show(elements.get(url) ?? [], count, script.dataset.lang);
  // A live count is newer than any answer still on its way (which a cache may have kept for 30 s).
  const live = new Set<string>();
  fill(host, site, urls, (url, count) => {
    if (!live.has(url)) shown(url, count);
  }).catch((error: unknown) => console.warn(error));
  if (script.hasAttribute('data-live')) {
    followCounts(host, site, urls.slice(0, MAX_LIVE_ARTICLES), (url, count) => {
      live.add(url);
      shown(url, count);
    });
  }
}

start();
