import { escapeHtml } from './classic/html.js';

/**
 * What `/` shows when the demo is off (production, unless KOLOM_DEMO asks for it): a plain page that
 * says what this host is and where its people go. No comment form: the comments host is not a site
 * of its own, and a form here would be one more public place to post from.
 */
export function homePage(publicUrl: string): string {
  const origin = escapeHtml(publicUrl);
  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="robots" content="noindex">
<title>Kolom comments server</title>
<style>
  body { margin: 0; font: 16px/1.6 system-ui, sans-serif; color: #1a1a1a; background: #fff; }
  main { max-width: 640px; margin: 0 auto; padding: 40px 20px; }
  h1 { font-size: 24px; margin: 0 0 12px; }
  code { font: 14px/1.4 ui-monospace, monospace; background: #f3f3f3; padding: 2px 4px; }
</style>
</head>
<body>
<main>
  <h1>Kolom comments server</h1>
  <p>This host serves the comment threads of news sites that embed Kolom. Readers comment under the
  articles themselves, not here.</p>
  <ul>
    <li>Moderators: <a href="/moderate">the moderation desk</a></li>
    <li>Developers: <a href="/docs">the HTTP API (OpenAPI)</a> and <a href="/docs/asyncapi.json">the live events (AsyncAPI)</a></li>
  </ul>
  <p>A site embeds a thread with <code>&lt;script src="${origin}/embed.js" data-site="SLUG" async&gt;&lt;/script&gt;</code>.</p>
</main>
</body>
</html>`;
}
