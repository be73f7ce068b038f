import { readStored, writeStored } from '../../browser/storage.js';
import type { SignedIn } from './types.js';

/**
 * The signed-in session lives in this tab's sessionStorage: it survives a reload, ends with the
 * tab, is never sent by the browser on its own (no cookie another site could ride) and is never
 * shared with news pages on other origins. Storage refused (private mode, quota) only means it
 * lasts until the page is left.
 */
const KEY = 'kolom-desk-session';

export function savedSession(): SignedIn | null {
  try {
    const session = JSON.parse(readStored('sessionStorage', KEY) ?? 'null') as SignedIn | null;
    if (!session?.token || Date.parse(session.expiresAt) <= Date.now()) return null;
    return session;
  } catch {
    return null;
  }
}

export function saveSession(session: SignedIn): void {
  writeStored('sessionStorage', KEY, JSON.stringify(session));
}

export function forgetSession(): void {
  writeStored('sessionStorage', KEY, null);
}

const LANG_KEY = 'kolom-desk-lang';

/** The language a moderator picked on this device, kept across sessions (else the browser's applies). */
export function savedLanguage(): string | null {
  return readStored('localStorage', LANG_KEY);
}

export function saveLanguage(lang: string): void {
  writeStored('localStorage', LANG_KEY, lang);
}

const SITE_KEY = 'kolom-desk-site';

/** The site picked in the header, for this tab (else all sites after a reload). */
export function savedSite(): string | null {
  return readStored('sessionStorage', SITE_KEY);
}

export function saveSite(slug: string): void {
  writeStored('sessionStorage', SITE_KEY, slug);
}
