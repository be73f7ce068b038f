import type { LoadedBundle } from '../embed/bundles.js';

/**
 * The desk's one HTML page: no inline script or style, only the hashed bundle files, so the strict
 * Content-Security-Policy it is served with blocks anything injected. The app draws the rest.
 */
export function deskPage(bundle: LoadedBundle): string {
  const style = bundle.style ? `\n<link rel="stylesheet" href="/moderate/assets/${bundle.style.file}">` : '';
  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="robots" content="noindex, nofollow">
<meta name="referrer" content="no-referrer">
<title>Kolom moderation</title>
<link rel="icon" href="data:,">${style}
<script src="/moderate/assets/${bundle.script.file}" defer></script>
</head>
<body>
<div id="desk" class="desk"><noscript>The moderation desk needs JavaScript.</noscript></div>
</body>
</html>
`;
}
