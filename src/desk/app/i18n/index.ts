import { catalogueFor, type Catalogue as WidgetCatalogue } from '../../../embed/widget/i18n/index.js';
import { type DeskCatalogue, en } from './en.js';
import { id } from './id.js';

const CATALOGUES: Record<string, DeskCatalogue> = { en, id };

/** The languages the desk speaks, as its language menu lists them. */
export const LANGUAGES: Array<[string, string]> = [
  ['en', 'English'],
  ['id', 'Bahasa Indonesia'],
];

export interface Language {
  lang: string;
  t: DeskCatalogue;
  /** The widget's words for the same language: relative times. */
  times: WidgetCatalogue;
}

/** The desk's language for a tag ("id-ID" → id), English when it has none. */
export function languageFor(tag: string | null | undefined): Language {
  const primary = (tag ?? '').trim().toLowerCase().split(/[-_]/)[0];
  const lang = primary in CATALOGUES ? primary : 'en';
  return { lang, t: CATALOGUES[lang], times: catalogueFor(lang).t };
}

export type { DeskCatalogue };
