import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

/**
 * Where `npm run build` puts the widget: dist/widget. Found from this file, whether it runs built
 * (dist/src/embed) or from the sources (the tests), so the server's working directory never matters.
 */
const PROJECT_ROOT = fileURLToPath(import.meta.url).replace(/[\\/](?:dist[\\/])?src[\\/]embed[\\/][^\\/]+$/, '');
export const WIDGET_DIR = join(PROJECT_ROOT, 'dist', 'widget');
export const MANIFEST = 'manifest.json';

/** What the build wrote, and what the server serves. */
export interface WidgetManifest {
  /** `embed.<hash>.js`: the bundle, cached for a year by browsers and proxies. */
  file: string;
  hash: string;
  bytes: number;
  gzipBytes: number;
}

export interface WidgetBundle extends WidgetManifest {
  code: Buffer;
  gzip: Buffer;
}

export function loadWidgetBundle(): WidgetBundle {
  let manifest: WidgetManifest;
  try {
    manifest = JSON.parse(readFileSync(join(WIDGET_DIR, MANIFEST), 'utf8')) as WidgetManifest;
  } catch {
    throw new Error('The comment widget is not built: run `npm run build` (npm start does it).');
  }
  return {
    ...manifest,
    code: readFileSync(join(WIDGET_DIR, manifest.file)),
    gzip: readFileSync(join(WIDGET_DIR, `${manifest.file}.gz`)),
  };
}

/**
 * The script sites paste, `/embed.js`: a few lines, cached for minutes, that load the hashed bundle
 * (cached for a year) with the same data attributes. A new release reaches every page within
 * minutes, and the bundle itself is downloaded once per release.
 */
export function widgetLoader(bundleFile: string): string {
  return `/* Kolom comments: loads the widget bundle named by its content hash. */
(function () {
  var s = document.currentScript;
  if (!s || !s.src) return;
  var b = document.createElement('script');
  b.src = new URL(${JSON.stringify(`/widget/${bundleFile}`)}, s.src).href;
  b.async = true;
  for (var i = 0; i < s.attributes.length; i++) {
    var a = s.attributes[i];
    if (a.name.indexOf('data-') === 0) b.setAttribute(a.name, a.value);
  }
  b.setAttribute('data-kolom-bundle', '');
  s.parentNode.insertBefore(b, s.nextSibling);
})();
`;
}
