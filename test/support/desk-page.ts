import type { Locator, Page } from 'playwright-core';
import type { Reader } from './browser.js';
import { WAIT_MS } from './widget-page.js';

/**
 * Reading and driving the moderation desk (/moderate) in the browser tests, through its DOM
 * contract: the sign-in form, the header, the queue tabs and their counts, the items.
 */

export interface DeskAccount {
  email: string;
  password: string;
}

/** Opens the desk and signs in through its form; answers once the desk shows who is signed in. */
export async function openDesk(reader: Reader, baseUrl: string, account: DeskAccount, route = ''): Promise<Page> {
  const page = await reader.open(`${baseUrl}/moderate${route}`);
  await signInThroughForm(page, account);
  // The header's sign-out button: there at every width (the name hides on a phone).
  await page.locator('button.desk-sign-out').waitFor({ timeout: WAIT_MS });
  return page;
}

export async function signInThroughForm(page: Page, account: DeskAccount): Promise<void> {
  await page.fill('#sign-in-email', account.email);
  await page.fill('#sign-in-password', account.password);
  await page.click('form.desk-sign-in-form button[type="submit"]');
}

/**
 * On the "Choose a new password" screen the desk shows after signing in with a temporary password
 * (an admin's, the first start's): chooses `fresh`; answers once the queues are there.
 */
export async function choosePasswordThroughForm(page: Page, current: string, fresh: string): Promise<void> {
  await page.locator('.desk-password-change').waitFor({ timeout: WAIT_MS });
  await page.fill('#first-password-current', current);
  await page.fill('#first-password-new', fresh);
  await page.fill('#first-password-repeat', fresh);
  await page.click('.desk-password-change button[type="submit"]');
  await page.locator('button.desk-sign-out').waitFor({ timeout: WAIT_MS });
}

/** The item of a queue (or of the article view) whose text this is. */
export function deskItem(page: Page, body: string): Locator {
  // Its own text, not a reply's: the body is a child of the item's own article element.
  return page.locator('li.desk-item, li.desk-thread-comment').filter({ has: page.locator(':scope > article > .desk-body', { hasText: body }) });
}

/** The count on a queue's tab. */
export async function tabCount(page: Page, queue: string): Promise<number> {
  return Number((await page.locator(`a.desk-tab[data-queue="${queue}"] .desk-count`).innerText({ timeout: WAIT_MS })).trim());
}

/** The ids of the items listed, top to bottom. */
export async function listedIds(page: Page): Promise<number[]> {
  const ids = await page.locator('ol.desk-items > li.desk-item').evaluateAll((items) => items.map((item) => item.getAttribute('data-id')));
  return ids.map(Number);
}
