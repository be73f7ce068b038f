import type { CommentForm, KolomApi } from './api.js';
import { h } from '../../browser/dom.js';
import { serverMessage } from '../../browser/i18n.js';
import type { Catalogue } from './i18n/index.js';
import { savedDetails } from './storage.js';
import type { SignedInReader } from './sign-in.js';
import type { ApiError, PostedComment, ThreadPage } from './types.js';

const FIELDS = ['body', 'name', 'email', 'website'] as const;
type Field = (typeof FIELDS)[number];

/**
 * The classic comment form (Comment*, Name*, Email*, Website, "Save my name…"). Errors come from
 * the server, in its words (translated when the catalogue knows them), beside their fields. When
 * Kolom can send email it adds "Notify me of replies by email." (off until the reader ticks it)
 * and a link to the reader's privacy page.
 */
export class CommentFormView {
  readonly element: HTMLFormElement;
  private readonly title: HTMLElement;
  private readonly cancel: HTMLAnchorElement;
  private readonly inputs: Record<Field, HTMLInputElement | HTMLTextAreaElement>;
  private readonly errors: Record<Field, HTMLElement>;
  private readonly remember: HTMLInputElement;
  private readonly notify: HTMLInputElement | null;
  /** What became of the last post's notifications, or that the reader's address is confirmed. */
  private readonly notice: HTMLElement;
  private readonly formError: HTMLElement;
  private readonly submit: HTMLButtonElement;
  /** Name, email, website and "Save my name…": the site's sign-in stands for them. */
  private readonly identity: HTMLElement[];
  private readonly signedInLine: HTMLElement;
  /** Everything a reader fills in; hidden, with the sign-in prompt shown, where only signed-in readers comment. */
  private readonly fields: HTMLElement;
  private readonly signInPrompt: HTMLElement;
  private signedIn: SignedInReader | null = null;
  private parentId: number | null = null;
  /** Kept across retries of one submission, so a double click or a retry never posts twice. */
  private idempotencyKey: string | null = null;
  /**
   * Asked for once, when the form comes into view or is first touched (the thread page is shared
   * by every reader and holds none): the time-to-submit check counts from it. A failed ask is
   * forgotten, so sending asks again.
   */
  private formToken: Promise<string | undefined> | null = null;

  constructor(
    private readonly api: KolomApi,
    private readonly t: Catalogue,
    replyEmails: boolean,
    private readonly signIn: ThreadPage['signIn'],
    private readonly askFormToken: () => Promise<string>,
    private readonly onPosted: (posted: PostedComment) => void,
    private readonly onCancelReply: () => void,
  ) {
    this.title = h('h3', { class: 'kolom-form-title', id: 'kolom-form-title' }, t.leaveReply);
    this.cancel = h('a', { href: '#', class: 'kolom-cancel-reply', hidden: true }, t.cancelReply);
    this.cancel.addEventListener('click', (event) => {
      event.preventDefault();
      this.onCancelReply();
    });
    const field = (name: Field, label: string, control: HTMLInputElement | HTMLTextAreaElement, required: boolean) => {
      control.id = `kolom-${name}`;
      control.name = name;
      control.setAttribute('aria-describedby', `kolom-${name}-error`);
      if (required) control.setAttribute('aria-required', 'true');
      control.addEventListener('input', () => {
        this.idempotencyKey = null;
        this.showError(name, '');
      });
      const error = h('span', { class: 'kolom-error', id: `kolom-${name}-error` });
      const p = h(
        'p',
        { class: `kolom-field kolom-field-${name}` },
        h('label', { for: control.id }, label, required && ' ', required && h('span', { class: 'kolom-required', 'aria-hidden': 'true' }, '*')),
        control,
        error,
      );
      return { p, control, error };
    };
    const body = field('body', t.comment, h('textarea', { rows: '6', maxlength: '65525' }), true);
    const name = field('name', t.name, h('input', { type: 'text', autocomplete: 'name', maxlength: '245' }), true);
    const email = field('email', t.email, h('input', { type: 'email', autocomplete: 'email', maxlength: '100' }), true);
    const website = field('website', t.website, h('input', { type: 'url', autocomplete: 'url', maxlength: '200' }), false);
    this.inputs = { body: body.control, name: name.control, email: email.control, website: website.control };
    this.errors = { body: body.error, name: name.error, email: email.error, website: website.error };
    this.remember = h('input', { type: 'checkbox', id: 'kolom-remember', name: 'remember' });
    this.notify = replyEmails ? h('input', { type: 'checkbox', id: 'kolom-notify', name: 'notifyReplies' }) : null;
    this.notice = h('p', { class: 'kolom-notice', role: 'status' });
    this.formError = h('p', { class: 'kolom-form-error', role: 'alert' });
    this.submit = h('button', { type: 'submit', class: 'kolom-submit' }, t.submit);
    const remember = h('p', { class: 'kolom-remember' }, this.remember, h('label', { for: 'kolom-remember' }, t.remember));
    this.identity = [name.p, email.p, website.p, remember];
    this.signedInLine = h('p', { class: 'kolom-signed-in', hidden: true });
    this.signInPrompt = h(
      'p',
      { class: 'kolom-sign-in', hidden: true },
      t.signInToComment,
      signIn?.url && ' ',
      signIn?.url && h('a', { href: signIn.url, target: '_top' }, t.signIn),
    );
    this.fields = h(
      'div',
      { class: 'kolom-form-fields' },
      h('p', { class: 'kolom-notes' }, `${t.notes} ${t.requiredNote} `, h('span', { class: 'kolom-required', 'aria-hidden': 'true' }, '*')),
      this.signedInLine,
      body.p,
      ...this.identity,
      this.notify && h('p', { class: 'kolom-remember kolom-notify' }, this.notify, h('label', { for: 'kolom-notify' }, t.notifyReplies)),
      this.formError,
      this.submit,
      this.notice,
      replyEmails && h('p', { class: 'kolom-privacy' }, h('a', { href: api.privacyPage(), target: '_blank', rel: 'noopener' }, t.privacyLink)),
    );
    this.element = h(
      'form',
      { class: 'kolom-form', novalidate: true, 'aria-labelledby': 'kolom-form-title' },
      h('div', { class: 'kolom-form-head' }, this.title, ' ', this.cancel),
      this.signInPrompt,
      this.fields,
    );
    this.element.addEventListener('submit', (event) => {
      event.preventDefault();
      void this.send();
    });
    this.element.addEventListener('focusin', () => void this.readyForm(), { once: true });
    if (typeof IntersectionObserver === 'function') {
      const watcher = new IntersectionObserver((entries) => {
        if (!entries.some((entry) => entry.isIntersecting)) return;
        watcher.disconnect();
        void this.readyForm();
      });
      watcher.observe(this.element);
    }
    const saved = savedDetails.get();
    if (saved) {
      this.inputs.name.value = saved.name;
      this.inputs.email.value = saved.email;
      this.inputs.website.value = saved.website;
      this.remember.checked = true;
    }
  }

  /**
   * Shows the form for the reader the site signed in (their name, no identity fields), for an
   * anonymous reader, or, where the site takes signed-in readers only, the way to sign in.
   */
  showSignedIn(reader: SignedInReader | null): void {
    this.signedIn = this.signIn ? reader : null;
    this.api.signIn = this.signedIn?.token ?? null;
    for (const p of this.identity) p.hidden = this.signedIn !== null;
    this.signedInLine.hidden = this.signedIn === null;
    this.signedInLine.textContent = this.signedIn ? this.t.signedInAs(this.signedIn.name) : '';
    const mustSignIn = this.signIn?.required === true && this.signedIn === null;
    this.fields.hidden = mustSignIn;
    this.signInPrompt.hidden = !mustSignIn;
  }

  replyTo(parentId: number | null, authorName: string | null): void {
    this.parentId = parentId;
    this.title.textContent = parentId === null ? this.t.leaveReply : this.t.replyTo(authorName ?? '');
    this.cancel.hidden = parentId === null;
    this.idempotencyKey = null;
    this.formError.textContent = '';
  }

  focus(): void {
    this.inputs.body.focus();
  }

  showNotice(message: string): void {
    this.notice.textContent = message;
  }

  close(message: string): void {
    this.element.replaceChildren(h('p', { class: 'kolom-status' }, message));
  }

  private readyForm(): Promise<string | undefined> {
    this.formToken ??= this.askFormToken().catch(() => {
      this.formToken = null;
      return undefined;
    });
    return this.formToken;
  }

  private async send(): Promise<void> {
    if (this.submit.disabled) return;
    for (const name of FIELDS) this.showError(name, '');
    this.formError.textContent = '';
    this.notice.textContent = '';
    this.idempotencyKey ??= randomKey();
    const form: CommentForm = {
      body: this.inputs.body.value,
      name: this.inputs.name.value,
      email: this.inputs.email.value,
      ...(this.inputs.website.value.trim() ? { website: this.inputs.website.value } : {}),
      ...(this.parentId !== null ? { parentId: this.parentId } : {}),
      ...(this.notify?.checked ? { notifyReplies: true } : {}),
      idempotencyKey: this.idempotencyKey,
    };
    this.submit.disabled = true;
    this.submit.textContent = this.t.sending;
    try {
      const formToken = await this.readyForm();
      const posted = await this.api.post(formToken === undefined ? form : { ...form, formToken });
      // A signed-in reader's details are the site's to keep, not this browser's.
      if (!this.signedIn)
        savedDetails.set(this.remember.checked ? { name: form.name.trim(), email: form.email.trim(), website: (form.website ?? '').trim() } : null);
      this.inputs.body.value = '';
      this.idempotencyKey = null;
      this.onPosted(posted);
      if (posted.replyEmails) this.notice.textContent = this.t.replyEmails[posted.replyEmails];
    } catch (error) {
      this.showProblem(error as ApiError);
    } finally {
      this.submit.disabled = false;
      this.submit.textContent = this.t.submit;
    }
  }

  private showProblem(error: ApiError): void {
    // In the form's order, so focus goes to the first field in error.
    const fields = FIELDS.filter((name) => error.fields?.[name]);
    if (fields.length > 0) {
      for (const name of fields) this.showError(name, serverMessage(this.t, error.fields[name]));
      this.inputs[fields[0]].focus();
      return;
    }
    // Not about one field: closed, duplicate, too quick, or the network.
    this.formError.textContent = error.status === 0 || !error.message ? this.t.failed : serverMessage(this.t, error.message);
    if (error.status >= 400 && error.status < 500) this.idempotencyKey = null;
  }

  private showError(name: Field, message: string): void {
    this.errors[name].textContent = message;
    if (message) this.inputs[name].setAttribute('aria-invalid', 'true');
    else this.inputs[name].removeAttribute('aria-invalid');
  }
}

/** 128 random bits in hex; crypto.getRandomValues works on plain-http pages too (randomUUID does not). */
function randomKey(): string {
  return Array.from(crypto.getRandomValues(new Uint8Array(16)), (byte) => byte.toString(16).padStart(2, '0')).join('');
}
