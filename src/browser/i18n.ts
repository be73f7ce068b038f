/**
 * How the widget and the desk pick and use their catalogues of words; the words themselves stay
 * with each app (src/embed/widget/i18n, src/desk/app/i18n).
 */

/** The catalogue for a language tag ("id-ID" → id), English when there is none for it. */
export function pickCatalogue<T>(tag: string | null | undefined, catalogues: { en: T } & Record<string, T>): { lang: string; t: T } {
  const primary = (tag ?? '').trim().toLowerCase().split(/[-_]/)[0];
  return primary in catalogues ? { lang: primary, t: catalogues[primary] } : { lang: 'en', t: catalogues.en };
}

/** A message from the server, which speaks English, in the catalogue's language when it knows it. */
export function serverMessage(t: { serverMessages: Record<string, string> }, message: string): string {
  return t.serverMessages[message] ?? message;
}
