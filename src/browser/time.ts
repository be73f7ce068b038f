export type TimeUnit = 'minute' | 'hour' | 'day' | 'week' | 'month' | 'year';

/** The words each app's catalogue has for relative times. */
export interface TimeWords {
  justNow: string;
  ago(count: number, unit: TimeUnit): string;
}

// Building an Intl formatter is slow: one per language, not one per comment.
const exactFormats = new Map<string, Intl.DateTimeFormat>();

function cached<T>(formats: Map<string, T>, lang: string, make: () => T): T {
  let format = formats.get(lang);
  if (!format) formats.set(lang, (format = make()));
  return format;
}

const UNITS: Array<[TimeUnit, number]> = [
  ['year', 31_536_000],
  ['month', 2_592_000],
  ['week', 604_800],
  ['day', 86_400],
  ['hour', 3_600],
  ['minute', 60],
];

/**
 * "3 minutes ago" from the catalogue, not Intl.RelativeTimeFormat: the first Intl formatter of a
 * page costs tens of milliseconds, and the first render has a budget.
 */
export function relativeTime(iso: string, t: TimeWords, now = Date.now()): string {
  const seconds = Math.max(0, Math.round((now - Date.parse(iso)) / 1000));
  for (const [unit, size] of UNITS) if (seconds >= size) return t.ago(Math.floor(seconds / size), unit);
  return t.justNow;
}

/**
 * The exact date, or undefined while the language's date format is not built yet: building it costs
 * tens of milliseconds, so the first render leaves titles to fillExactTimes, just after.
 */
export function exactTimeIfReady(iso: string, lang: string): string | undefined {
  return exactFormats.has(lang) ? exactTime(iso, lang) : undefined;
}

export function exactTime(iso: string, lang: string): string {
  return cached(exactFormats, lang, () => new Intl.DateTimeFormat(lang, { dateStyle: 'long', timeStyle: 'short' })).format(new Date(iso));
}
