import { escapeHtml } from './html.js';

/** WordPress's wp_die() page for a refused comment (wp-comments-post.php), in its words. */
export const FAILURE_TITLE = 'Comment Submission Failure';

/**
 * The whole page: the message, and "« Back" to the article when it is known (an address the site
 * allows), else back in the browser's history, as WordPress's own link does.
 */
export function failurePage(message: string, articleUrl: string | null): string {
  const back = articleUrl === null ? 'javascript:history.back()' : escapeHtml(articleUrl);
  return `<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="robots" content="noindex, nofollow">
<title>${FAILURE_TITLE}</title>
<style>body{background:#f1f1f1;font-family:system-ui,sans-serif;color:#3c434a}main{background:#fff;max-width:700px;margin:2em auto;padding:1em 2em;box-shadow:0 1px 1px rgba(0,0,0,.04);border:1px solid #c3c4c7}</style>
</head>
<body id="error-page">
<main class="wp-die-message">
<p><strong>Error:</strong> ${escapeHtml(message)}</p>
<p><a href="${back}">&laquo; Back</a></p>
</main>
</body>
</html>
`;
}
