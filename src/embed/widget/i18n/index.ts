import { pickCatalogue } from '../../../browser/i18n.js';
import { type Catalogue, en } from './en.js';
import { id } from './id.js';

const CATALOGUES: Record<string, Catalogue> & { en: Catalogue } = { en, id };

/** The widget's words for the reader's language. */
export function catalogueFor(lang: string | null | undefined): { lang: string; t: Catalogue } {
  return pickCatalogue(lang, CATALOGUES);
}

export type { Catalogue };
