import { type Catalogue, en } from './en.js';
import { id } from './id.js';

const CATALOGUES: Record<string, Catalogue> = { en, id };

/** The catalogue for a language tag ("id-ID" → id), English when there is none. */
export function catalogueFor(lang: string | null | undefined): { lang: string; t: Catalogue } {
  const primary = (lang ?? '').trim().toLowerCase().split(/[-_]/)[0];
  return primary in CATALOGUES ? { lang: primary, t: CATALOGUES[primary] } : { lang: 'en', t: en };
}

/** A message from the server, in the reader's language when the catalogue knows it. */
export function serverMessage(t: Catalogue, message: string): string {
  return t.serverMessages[message] ?? message;
}

export type { Catalogue };
