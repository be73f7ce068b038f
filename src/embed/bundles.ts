import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Response } from 'express';

/**
 * The browser code Kolom serves, bundled by `npm run build` (src/embed/build-browser.ts): the
 * comment widget sites embed, count.js for their article lists, and the moderation desk at /moderate. Each bundle is a folder under
 * dist/ with files named by their content hash and a manifest the server reads at start.
 */
export const BUNDLES = ['widget', 'desk', 'count'] as const;
export type BundleName = (typeof BUNDLES)[number];

/**
 * Found from this file, whether it runs built (dist/src/embed) or from the sources (the tests),
 * so the server's working directory never matters.
 */
const PROJECT_ROOT = fileURLToPath(import.meta.url).replace(/[\\/](?:dist[\\/])?src[\\/]embed[\\/][^\\/]+$/, '');
export const MANIFEST = 'manifest.json';

export function bundleDir(name: BundleName): string {
  return join(PROJECT_ROOT, 'dist', name);
}

export interface BundleAsset {
  /** `<name>.<hash>.js|css`: never changes, so browsers and proxies keep it for a year. */
  file: string;
  bytes: number;
  gzipBytes: number;
}

/** What the build wrote: the script, and the stylesheet when the bundle has one. */
export interface BundleManifest {
  script: BundleAsset;
  style?: BundleAsset;
}

export interface LoadedBundle extends BundleManifest {
  /** Each asset's bytes, plain and gzipped, by file name. */
  contents: Map<string, { code: Buffer; gzip: Buffer; type: string }>;
}

const TYPES: Record<string, string> = { js: 'application/javascript; charset=utf-8', css: 'text/css; charset=utf-8' };

export function readManifest(name: BundleName): BundleManifest {
  try {
    return JSON.parse(readFileSync(join(bundleDir(name), MANIFEST), 'utf8')) as BundleManifest;
  } catch {
    throw new Error(`The ${name} bundle is not built: run \`npm run build\` (npm start does it).`);
  }
}

export function loadBundle(name: BundleName): LoadedBundle {
  const manifest = readManifest(name);
  const contents: LoadedBundle['contents'] = new Map();
  for (const asset of [manifest.script, manifest.style]) {
    if (!asset) continue;
    contents.set(asset.file, {
      code: readFileSync(join(bundleDir(name), asset.file)),
      gzip: readFileSync(join(bundleDir(name), `${asset.file}.gz`)),
      type: TYPES[asset.file.slice(asset.file.lastIndexOf('.') + 1)],
    });
  }
  return { ...manifest, contents };
}

/** A file named by its content hash never changes: browsers and proxies keep it for a year. */
const IMMUTABLE = 'public, max-age=31536000, immutable';

/**
 * Sends one of a bundle's files, gzipped when the browser takes it; answers false when the bundle
 * has no such file (an old release's name, say).
 */
export function sendBundleFile(
  bundle: LoadedBundle,
  file: string,
  acceptEncoding: string | undefined,
  response: Response,
  crossOrigin: boolean,
  cacheControl = IMMUTABLE,
): boolean {
  const asset = bundle.contents.get(file);
  if (!asset) return false;
  const gzip = /\bgzip\b/.test(acceptEncoding ?? '');
  response
    .status(200)
    .set({
      'Content-Type': asset.type,
      'Cache-Control': cacheControl,
      'Cross-Origin-Resource-Policy': crossOrigin ? 'cross-origin' : 'same-origin',
      'X-Content-Type-Options': 'nosniff',
      Vary: 'Accept-Encoding',
      ...(gzip ? { 'Content-Encoding': 'gzip' } : {}),
    })
    .end(gzip ? asset.gzip : asset.code);
  return true;
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
