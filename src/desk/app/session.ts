import type { SignedIn } from './types.js';

/**
 * The signed-in session lives in this tab's sessionStorage: it survives a reload, ends with the
 * tab, is never sent by the browser on its own (no cookie another site could ride) and is never
 * shared with news pages on other origins.
 */
const KEY = 'kolom-desk-session';

export function savedSession(): SignedIn | null {
  try {
    const session = JSON.parse(sessionStorage.getItem(KEY) ?? 'null') as SignedIn | null;
    if (!session?.token || Date.parse(session.expiresAt) <= Date.now()) return null;
    return session;
  } catch {
    return null;
  }
}

export function saveSession(session: SignedIn): void {
  try {
    sessionStorage.setItem(KEY, JSON.stringify(session));
  } catch {
    // Storage refused (private mode, quota): the session lasts until the page is left.
  }
}

export function forgetSession(): void {
  try {
    sessionStorage.removeItem(KEY);
  } catch {
    // Nothing was stored.
  }
}

const LANG_KEY = 'kolom-desk-lang';

/** The language a moderator picked on this device, kept across sessions. */
export function savedLanguage(): string | null {
  try {
    return localStorage.getItem(LANG_KEY);
  } catch {
    return null;
  }
}

export function saveLanguage(lang: string): void {
  try {
    localStorage.setItem(LANG_KEY, lang);
  } catch {
    // Not kept: the browser's language applies next time.
  }
}

const SITE_KEY = 'kolom-desk-site';

/** The site picked in the header, for this tab. */
export function savedSite(): string | null {
  try {
    return sessionStorage.getItem(SITE_KEY);
  } catch {
    return null;
  }
}

export function saveSite(slug: string): void {
  try {
    sessionStorage.setItem(SITE_KEY, slug);
  } catch {
    // Not kept: all sites after a reload.
  }
}
