import type { Locator, Page, Request } from 'playwright-core';

/**
 * Reading the widget's page in the browser tests, through its DOM contract inside the open shadow
 * root (Playwright's CSS selectors pierce it).
 */

/** Live arrivals measured 180–250 ms here (TOOLCHAIN.md); this only bounds a hang. */
export const WAIT_MS = 8_000;

/**
 * The widget's own signal that its first render is done (its Performance API measure). A function,
 * not a string: Playwright compiles a string predicate with eval, which a page's CSP may forbid.
 */
export async function rendered(page: Page): Promise<void> {
  await page.waitForFunction(() => performance.getEntriesByName('kolom:first-render').length > 0, undefined, { timeout: WAIT_MS });
}

export function commentWith(page: Page, body: string): Locator {
  // The innermost item whose text it is (an ancestor's item contains its replies' text too).
  return page
    .locator('li.kolom-comment')
    .filter({ has: page.locator('.kolom-body', { hasText: body }) })
    .last();
}

export async function text(locator: Locator): Promise<string> {
  return (await locator.innerText({ timeout: WAIT_MS })).trim();
}

export async function fillForm(page: Page, fields: Partial<Record<'body' | 'name' | 'email' | 'website', string>>): Promise<void> {
  for (const [field, value] of Object.entries(fields)) await page.fill(`#kolom-${field}`, value);
}

/** Retries an assertion about a live page until it holds or the wait runs out. */
export async function eventually(assertion: () => Promise<void>, waitMs = WAIT_MS): Promise<void> {
  const deadline = Date.now() + waitMs;
  for (;;) {
    try {
      return await assertion();
    } catch (error) {
      if (Date.now() > deadline) throw error;
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
  }
}

/** The bodies of the comment posts the page sends from now on, in order. */
export function postsOf(page: Page): Array<Record<string, unknown>> {
  const posts: Array<Record<string, unknown>> = [];
  page.on('request', (request: Request) => {
    if (request.method() === 'POST' && new URL(request.url()).pathname === '/api/v1/comments') posts.push(request.postDataJSON());
  });
  return posts;
}
