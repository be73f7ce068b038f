import type { DeskContext } from './context.js';
import type { QueueItem } from './types.js';
import { button, field, h, showFieldErrors } from './ui.js';

/**
 * The newsroom's tools on a published comment in the article view: reply as the site's staff,
 * edit the text (a redaction, kept in the audit log), pin, and mark an editor's pick. `done`
 * redraws the thread: each change reaches readers' open pages live on its own.
 */
export function newsroomTools(ctx: DeskContext, item: QueueItem, done: () => void): HTMLElement {
  const t = ctx.t.newsroom;
  const panel = h('div', { class: 'desk-newsroom-panel', hidden: true });
  const run = (work: () => Promise<unknown>, message: string) =>
    work().then(
      () => {
        ctx.notify(message);
        done();
      },
      (error: unknown) => ctx.notify(ctx.errorMessage(error), { error: true }),
    );

  /** A small form under the comment, for a reply or the new text. */
  const textForm = (label: string, initial: string, submit: string, send: (body: string) => Promise<unknown>, sent: string) => {
    const id = `desk-newsroom-${item.id}-${submit.length}`;
    const text = h('textarea', { rows: '4', name: 'body' });
    text.value = initial;
    const form = h('form', { class: 'desk-form desk-newsroom-form', novalidate: true }, field(id, label, text));
    form.append(
      h('button', { type: 'submit', class: 'desk-button desk-button-primary' }, submit),
      ' ',
      button(ctx.t.cancel, () => (panel.hidden = true), { class: 'desk-link' }),
    );
    form.addEventListener('submit', (event) => {
      event.preventDefault();
      send(text.value).then(
        () => {
          panel.hidden = true;
          ctx.notify(sent);
          done();
        },
        (error: unknown) => showFieldErrors(form, error, ctx.t.failed),
      );
    });
    panel.replaceChildren(form);
    panel.hidden = false;
    text.focus();
  };

  const { pinned, editorsPick } = item.newsroom;
  return h(
    'div',
    { class: 'desk-newsroom' },
    h(
      'div',
      { class: 'desk-actions', role: 'group', 'aria-label': t.toolsFor(item.author.name) },
      button(t.reply, () => textForm(t.replyLabel, '', t.sendReply, (body) => ctx.api.staffReply(item.id, body), t.replied), { class: 'desk-link' }),
      button(t.edit, () => textForm(t.editLabel, item.body, t.saveText, (body) => ctx.api.redact(item.id, body), t.edited), { class: 'desk-link' }),
      // Only top-level comments can be pinned: the server says so for the others.
      item.parent === null
        ? button(pinned ? t.unpin : t.pin, () => void run(() => ctx.api.mark(item.id, 'pin', !pinned), pinned ? t.unpinned : t.pinned), { class: 'desk-link' })
        : null,
      button(editorsPick ? t.unpick : t.pick, () => void run(() => ctx.api.mark(item.id, 'pick', !editorsPick), editorsPick ? t.unpicked : t.picked), {
        class: 'desk-link',
      }),
    ),
    panel,
  );
}

/** The marks readers see on a comment, for the moderator too. */
export function newsroomMarks(ctx: DeskContext, item: QueueItem): HTMLElement | null {
  const t = ctx.t.newsroom;
  const { staff, pinned, editorsPick, editedByModerator } = item.newsroom;
  const marks = [staff && t.staffBadge, pinned && t.pinnedBadge, editorsPick && t.pickBadge, editedByModerator && t.editedBadge].filter(
    (mark): mark is string => typeof mark === 'string',
  );
  return marks.length === 0 ? null : h('p', { class: 'desk-newsroom-marks' }, ...marks.map((mark) => h('span', { class: 'desk-badge' }, mark)));
}
