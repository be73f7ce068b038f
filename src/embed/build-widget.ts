/**
 * Bundles the widget (src/embed/widget, browser TypeScript, socket.io-client included) into one
 * minified script named by its content hash, with a gzipped copy and a manifest the server reads.
 * Run by `npm run build` after tsc.
 */
import { createHash } from 'node:crypto';
import { mkdirSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { gzipSync } from 'node:zlib';
import { build } from 'esbuild';
import { MANIFEST, WIDGET_DIR, type WidgetManifest } from './widget-bundle.js';

/** The budget for the widget, socket.io-client included. */
const GZIP_BUDGET = 45 * 1024;

const ENTRY = fileURLToPath(new URL('../../../src/embed/widget/main.ts', import.meta.url));

async function main(): Promise<void> {
  const result = await build({
    entryPoints: [ENTRY],
    bundle: true,
    minify: true,
    format: 'iife',
    target: ['es2020', 'chrome90', 'firefox90', 'safari14'],
    write: false,
    legalComments: 'none',
    logLevel: 'warning',
  });
  const code = Buffer.from(result.outputFiles[0].contents);
  const hash = createHash('sha256').update(code).digest('base64url').slice(0, 12);
  const file = `embed.${hash}.js`;
  const gzip = gzipSync(code, { level: 9 });

  const dir = WIDGET_DIR;
  mkdirSync(dir, { recursive: true });
  // One release's bundle at a time.
  for (const old of readdirSync(dir)) rmSync(`${dir}/${old}`);
  writeFileSync(`${dir}/${file}`, code);
  writeFileSync(`${dir}/${file}.gz`, gzip);
  const manifest: WidgetManifest = { file, hash, bytes: code.length, gzipBytes: gzip.length };
  writeFileSync(`${dir}/${MANIFEST}`, JSON.stringify(manifest, null, 2));
  const kb = (bytes: number) => `${(bytes / 1024).toFixed(1)} KB`;
  if (gzip.length > GZIP_BUDGET) {
    throw new Error(`The widget is ${kb(gzip.length)} gzipped, over its ${kb(GZIP_BUDGET)} budget.`);
  }
  console.log(`widget: ${file}, ${kb(code.length)}, ${kb(gzip.length)} gzipped (budget ${kb(GZIP_BUDGET)})`);
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
});
