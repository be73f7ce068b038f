/**
 * The widget's CSS, inside its shadow root: nothing leaks out to the page, nothing of the page's
 * leaks in. Sites restyle it through these custom properties on #kolom-thread (they inherit
 * through the shadow boundary): --kolom-font, --kolom-text, --kolom-muted, --kolom-background,
 * --kolom-surface, --kolom-border, --kolom-accent, --kolom-error.
 */
export const WIDGET_CSS = `
:host { display: block; contain: content; }
[hidden] { display: none !important; }
.kolom {
  --text: var(--kolom-text, #1d1d1f); --muted: var(--kolom-muted, #5f6368); --bg: var(--kolom-background, transparent);
  --surface: var(--kolom-surface, #f6f7f8); --border: var(--kolom-border, #d9dce0); --accent: var(--kolom-accent, #0b57d0);
  --error: var(--kolom-error, #b3261e);
  font: 15px/1.55 var(--kolom-font, system-ui, -apple-system, "Segoe UI", Roboto, sans-serif);
  color: var(--text); background: var(--bg); text-align: start;
}
.kolom[data-theme="dark"] {
  --text: var(--kolom-text, #e8eaed); --muted: var(--kolom-muted, #a8adb3); --surface: var(--kolom-surface, #202124);
  --border: var(--kolom-border, #3c4043); --accent: var(--kolom-accent, #8ab4f8); --error: var(--kolom-error, #f2b8b5);
}
* { box-sizing: border-box; }
h2 { font-size: 1.25em; margin: 0 0 .5em; }
h3 { font-size: 1.1em; margin: 0 0 .4em; }
.kolom-meta { display: flex; gap: 1em; align-items: baseline; flex-wrap: wrap; }
.kolom-viewers, .kolom-status { color: var(--muted); font-size: .9em; }
ol { list-style: none; margin: 0; padding: 0; }
.kolom-children { margin-inline-start: 1.5em; border-inline-start: 2px solid var(--border); padding-inline-start: .75em; }
.kolom-comment > article { padding: .75em 0; border-bottom: 1px solid var(--border); }
.kolom-comment.kolom-new > article { animation: kolom-slide .4s ease-out; }
@keyframes kolom-slide { from { opacity: 0; transform: translateY(-6px); } to { opacity: 1; transform: none; } }
@media (prefers-reduced-motion: reduce) { .kolom-comment.kolom-new > article { animation: none; } }
.kolom-head { display: flex; gap: .6em; align-items: baseline; flex-wrap: wrap; }
.kolom-author { font-weight: 600; color: var(--text); }
a.kolom-author { color: var(--accent); }
time, .kolom-edited, .kolom-in-reply, .kolom-moderator-edited { color: var(--muted); font-size: .85em; }
.kolom-badge { font-size: .75em; padding: 0 .4em; border-radius: 4px; border: 1px solid var(--accent); color: var(--accent); }
.kolom-staff { background: var(--accent); color: var(--surface); }
.kolom-body p { margin: .35em 0; overflow-wrap: anywhere; }
.kolom-body a { color: var(--accent); }
.kolom-body blockquote { margin: .35em 0; padding-inline-start: .75em; border-inline-start: 3px solid var(--border); }
.kolom-removed { color: var(--muted); font-style: italic; }
.kolom-held { color: var(--muted); font-style: italic; margin: .25em 0; }
.kolom-actions { display: flex; flex-wrap: wrap; gap: .75em; align-items: flex-start; }
.kolom-report { margin-inline-start: auto; text-align: end; }
.kolom-report-panel { text-align: start; margin-top: .4em; padding: .6em .8em; max-width: 24em; background: var(--surface); border: 1px solid var(--border); border-radius: 6px; }
.kolom-report-panel fieldset { border: 0; margin: 0 0 .5em; padding: 0; }
.kolom-report-panel legend { font-weight: 600; padding: 0; margin-bottom: .2em; }
.kolom-report-reason { display: flex; gap: .4em; align-items: baseline; }
.kolom-report-panel textarea { min-height: 3.5em; font-size: .9em; }
.kolom-reported { margin: 0; color: var(--muted); font-size: .9em; }
button, .kolom-cancel-reply { font: inherit; color: var(--accent); background: none; border: 0; padding: 0; cursor: pointer; text-decoration: underline; }
button:focus-visible, a:focus-visible, input:focus-visible, textarea:focus-visible { outline: 2px solid var(--accent); outline-offset: 2px; }
.kolom-more, .kolom-new-bar { display: block; width: 100%; margin: .75em 0; padding: .5em; border: 1px solid var(--border); border-radius: 4px; background: var(--surface); text-decoration: none; }
.kolom-new-bar { position: sticky; top: .5em; z-index: 1; }
.kolom-form { margin-top: 1.5em; padding: 1em; background: var(--surface); border-radius: 6px; }
.kolom-comment .kolom-form { margin: .5em 0 1em; }
.kolom-field { margin: .6em 0; }
.kolom-field label { display: block; font-weight: 600; margin-bottom: .2em; }
.kolom-required { color: var(--error); }
input[type="text"], input[type="email"], input[type="url"], textarea {
  width: 100%; font: inherit; color: var(--text); background: var(--bg); border: 1px solid var(--border); border-radius: 4px; padding: .45em .6em;
}
.kolom[data-theme="dark"] input, .kolom[data-theme="dark"] textarea { background: #111; }
textarea { min-height: 7em; resize: vertical; }
[aria-invalid="true"] { border-color: var(--error); }
.kolom-error, .kolom-form-error { color: var(--error); font-size: .9em; margin: .2em 0 0; }
.kolom-error:empty, .kolom-form-error:empty { display: none; }
.kolom-remember { display: flex; gap: .5em; align-items: flex-start; font-size: .9em; }
.kolom-notice { margin: .6em 0 0; font-size: .9em; }
.kolom-notice:empty { display: none; }
.kolom-privacy { margin: .6em 0 0; font-size: .85em; }
.kolom-privacy a { color: var(--accent); }
.kolom-submit { margin-top: .5em; padding: .55em 1.2em; border-radius: 4px; background: var(--accent); color: #fff; text-decoration: none; font-weight: 600; }
.kolom[data-theme="dark"] .kolom-submit { color: #202124; }
.kolom-submit[disabled] { opacity: .6; cursor: progress; }
.kolom-like { display: inline-flex; gap: .3em; align-items: baseline; color: var(--muted); text-decoration: none; }
.kolom-like[aria-pressed="true"] { color: var(--accent); font-weight: 600; }
.kolom-sort { margin-inline-start: auto; color: var(--muted); font-size: .9em; }
.kolom-sort select { font: inherit; color: var(--text); background: var(--bg); border: 1px solid var(--border); border-radius: 4px; }
.kolom-picks-filter { font: inherit; font-size: .9em; color: var(--text); background: var(--bg); border: 1px solid var(--border); border-radius: 4px; cursor: pointer; }
.kolom-picks-filter[aria-pressed="true"] { border-color: var(--accent); color: var(--accent); }
.kolom-visually-hidden { position: absolute; width: 1px; height: 1px; overflow: hidden; clip: rect(0 0 0 0); white-space: nowrap; }
`;
