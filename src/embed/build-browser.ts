/**
 * Bundles Kolom's browser code, run by `npm run build` after tsc: the comment widget
 * (src/embed/widget, socket.io-client included), count.js (src/embed/count) and the moderation desk (src/desk/app, its
 * stylesheet as a file of its own so the desk's Content-Security-Policy needs no inline style),
 * each with what they share from src/browser.
 * Each file is minified, named by its content hash, gzipped beside itself and listed in the
 * bundle's manifest, which the server reads at start. A bundle over its budget fails the build.
 */
import { createHash } from 'node:crypto';
import { mkdirSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { gzipSync } from 'node:zlib';
import { build } from 'esbuild';
import { type BundleAsset, bundleDir, type BundleManifest, type BundleName, MANIFEST } from './bundles.js';

interface BundleSpec {
  name: BundleName;
  entry: string;
  /** Gzipped script and stylesheet together. */
  budget: number;
}

const source = (path: string) => fileURLToPath(new URL(`../../../src/${path}`, import.meta.url));

const SPECS: BundleSpec[] = [
  // The budget for the widget, on every article page of every site.
  { name: 'widget', entry: source('embed/widget/main.ts'), budget: 45 * 1024 },
  // Moderators load it once a shift; it still has to open fast on a phone.
  { name: 'desk', entry: source('desk/app/main.ts'), budget: 80 * 1024 },
  // count.js, on every homepage: it fills a list of numbers and must cost next to nothing.
  { name: 'count', entry: source('embed/count/main.ts'), budget: 2 * 1024 },
];

const kb = (bytes: number) => `${(bytes / 1024).toFixed(1)} KB`;

async function bundle(spec: BundleSpec): Promise<void> {
  const result = await build({
    entryPoints: { [spec.name]: spec.entry },
    bundle: true,
    minify: true,
    format: 'iife',
    target: ['es2020', 'chrome90', 'firefox90', 'safari14'],
    outdir: 'out',
    write: false,
    legalComments: 'none',
    logLevel: 'warning',
  });
  const dir = bundleDir(spec.name);
  mkdirSync(dir, { recursive: true });
  // One release's files at a time.
  for (const old of readdirSync(dir)) rmSync(`${dir}/${old}`);
  const manifest: Partial<BundleManifest> = {};
  for (const output of result.outputFiles) {
    const extension = output.path.endsWith('.css') ? 'css' : 'js';
    const code = Buffer.from(output.contents);
    const hash = createHash('sha256').update(code).digest('base64url').slice(0, 12);
    const file = `${spec.name === 'widget' ? 'embed' : spec.name}.${hash}.${extension}`;
    const gzip = gzipSync(code, { level: 9 });
    writeFileSync(`${dir}/${file}`, code);
    writeFileSync(`${dir}/${file}.gz`, gzip);
    const asset: BundleAsset = { file, bytes: code.length, gzipBytes: gzip.length };
    manifest[extension === 'css' ? 'style' : 'script'] = asset;
  }
  if (!manifest.script) throw new Error(`The ${spec.name} bundle has no script.`);
  writeFileSync(`${dir}/${MANIFEST}`, JSON.stringify(manifest, null, 2));
  const assets = [manifest.script, manifest.style].filter((a): a is BundleAsset => a !== undefined);
  const gzipped = assets.reduce((sum, a) => sum + a.gzipBytes, 0);
  const sizes = assets.map((a) => `${a.file}, ${kb(a.bytes)}`).join('; ');
  if (gzipped > spec.budget) throw new Error(`The ${spec.name} is ${kb(gzipped)} gzipped, over its ${kb(spec.budget)} budget.`);
  console.log(`${spec.name}: ${sizes}; ${kb(gzipped)} gzipped (budget ${kb(spec.budget)})`);
}

async function main(): Promise<void> {
  for (const spec of SPECS) await bundle(spec);
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
});
