import type { KolomApi } from './api.js';
import { h } from '../../browser/dom.js';
import { serverMessage } from '../../browser/i18n.js';
import type { Catalogue } from './i18n/index.js';
import { reportedComments } from './storage.js';
import type { ApiError } from './types.js';

/** The reasons the flags API takes (src/moderation/flags/flag.entity.ts); "other" needs a few words. */
export const REPORT_REASONS = ['spam', 'abuse', 'off-topic', 'other'] as const;
export type ReportReason = (typeof REPORT_REASONS)[number];

/**
 * "Report" under a comment: a disclosure button that opens a small form (the reasons as radio
 * buttons, a text box, Send and Cancel), then a thank-you in its place. Native controls all the
 * way, so the keyboard and screen readers work as they do on any form: Enter or Space opens it,
 * the arrows pick a reason, Escape closes it and puts the focus back on the button.
 *
 * The server counts one report per reader per comment; this browser also remembers what it
 * reported, so after a reload the comment shows the thank-you rather than an invitation to
 * report again, and a report refused as a repeat (409) is remembered the same way.
 */
export function reportMenu(commentId: number, api: KolomApi, t: Catalogue): HTMLElement {
  const box = h('div', { class: 'kolom-report' });
  if (reportedComments.has(commentId)) {
    box.append(thanks(t.reported));
    return box;
  }
  const id = `kolom-report-${commentId}`;
  const toggle = h('button', { type: 'button', class: 'kolom-report-toggle', 'aria-expanded': 'false', 'aria-controls': id }, t.report);
  const reasons = REPORT_REASONS.map((reason) => h('input', { type: 'radio', name: `${id}-reason`, value: reason }));
  const details = h('textarea', { id: `${id}-text`, class: 'kolom-report-text', rows: '2', maxlength: '500' });
  const error = h('p', { class: 'kolom-error', role: 'alert' });
  const send = h('button', { type: 'submit', class: 'kolom-report-send' }, t.reportSend);
  const cancel = h('button', { type: 'button', class: 'kolom-report-cancel' }, t.cancel);
  const panel = h(
    'form',
    { id, class: 'kolom-report-panel', hidden: true, novalidate: true },
    h(
      'fieldset',
      {},
      h('legend', {}, t.reportQuestion),
      ...REPORT_REASONS.map((reason, index) => h('label', { class: 'kolom-report-reason' }, reasons[index], ` ${t.reportReasons[reason]}`)),
    ),
    h('label', { for: details.id }, t.reportDetails),
    details,
    error,
    h('div', { class: 'kolom-actions' }, send, cancel),
  );
  box.append(toggle, panel);

  const open = (opened: boolean) => {
    panel.hidden = !opened;
    toggle.setAttribute('aria-expanded', String(opened));
    if (opened) (reasons.find((radio) => radio.checked) ?? reasons[0]).focus();
    else toggle.focus();
  };
  /** The answer replaces the menu; it takes the focus, which would otherwise fall to the page's top. */
  const settle = (message: string) => {
    reportedComments.add(commentId);
    const said = thanks(message);
    box.replaceChildren(said);
    said.focus();
  };
  toggle.addEventListener('click', () => open(toggle.getAttribute('aria-expanded') !== 'true'));
  cancel.addEventListener('click', () => open(false));
  // A reason picked answers "Please choose a reason.". Only then: clearing the message as the text box
  // loses the focus would move Send from under the pointer between its press and its release.
  panel.addEventListener('change', (event) => {
    if ((event.target as HTMLInputElement).type === 'radio' && error.textContent === t.reportChoose) error.textContent = '';
  });
  panel.addEventListener('keydown', (event) => {
    if (event.key !== 'Escape') return;
    event.preventDefault();
    open(false);
  });
  panel.addEventListener('submit', (event) => {
    event.preventDefault();
    const reason = reasons.find((radio) => radio.checked)?.value as ReportReason | undefined;
    if (!reason) {
      error.textContent = t.reportChoose;
      reasons[0].focus();
      return;
    }
    send.disabled = true;
    error.textContent = '';
    api.report(commentId, reason, details.value.trim() || undefined).then(
      (answer) => settle(serverMessage(t, answer.message)),
      (failure: ApiError) => {
        send.disabled = false;
        // A repeat from this reader's network (another browser, a cleared storage): thanked all the same.
        if (failure.status === 409) return settle(serverMessage(t, failure.message));
        const message = failure.fields?.text ?? failure.fields?.reason ?? failure.message;
        error.textContent = message ? serverMessage(t, message) : t.reportFailed;
        if (failure.fields?.text) details.focus();
      },
    );
  });
  return box;
}

function thanks(message: string): HTMLElement {
  return h('p', { class: 'kolom-reported', role: 'status', tabindex: '-1' }, message);
}
