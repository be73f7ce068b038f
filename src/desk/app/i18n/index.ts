import { pickCatalogue } from '../../../browser/i18n.js';
import { type DeskCatalogue, en } from './en.js';
import { id } from './id.js';

const CATALOGUES: Record<string, DeskCatalogue> & { en: DeskCatalogue } = { en, id };

/** The languages the desk speaks, as its language menu lists them. */
export const LANGUAGES: Array<[string, string]> = [
  ['en', 'English'],
  ['id', 'Bahasa Indonesia'],
];

export interface Language {
  lang: string;
  t: DeskCatalogue;
}

/** The desk's language for a tag ("id-ID" → id), English when it has none. */
export function languageFor(tag: string | null | undefined): Language {
  return pickCatalogue(tag, CATALOGUES);
}

export type { DeskCatalogue };
