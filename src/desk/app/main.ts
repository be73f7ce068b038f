/**
 * The moderation desk at /moderate: sign in, then work the queues live. Served with a strict
 * Content-Security-Policy: everything on screen is built here with DOM calls (never innerHTML),
 * and the stylesheet is a file of its own.
 */
import './desk.css';
import { isApiError } from '../../browser/request.js';
import { passwordForm } from './account-password.js';
import { DeskApi } from './api.js';
import { languageFor } from './i18n/index.js';
import { forgetSession, savedLanguage, savedSession, saveSession } from './session.js';
import { DeskShell } from './shell.js';
import { signInForm } from './sign-in.js';
import { PASSWORD_CHANGE_REQUIRED, type SignedIn } from './types.js';
import { button, h } from './ui.js';

const root = document.getElementById('desk') ?? document.body.appendChild(h('div', { id: 'desk', class: 'desk' }));
const language = languageFor(savedLanguage() ?? navigator.language);
document.documentElement.lang = language.lang;
document.title = language.t.title;

function showSignIn(notice?: string): void {
  forgetSession();
  document.title = language.t.title;
  root.replaceChildren(
    signInForm(language, notice, (session) => {
      saveSession(session);
      enter(session);
    }),
  );
}

/** The queues, unless the account must first choose its own password. */
function enter(session: SignedIn): void {
  if (session.mustChangePassword) showPasswordChange(session);
  else void openDesk(session);
}

/**
 * Before the queues, while the password is one someone else set (the first start's, an admin's):
 * the server answers nothing else to this session until it is changed.
 */
function showPasswordChange(session: SignedIn): void {
  const { t } = language;
  const api = new DeskApi(session.token, () => showSignIn(t.sessionEnded));
  const form = passwordForm(t, api, 'first-password', (current) => {
    const changed: SignedIn = { ...session, ...current };
    saveSession(changed);
    void openDesk(changed);
  });
  const signOut = h('button', { type: 'button', class: 'desk-link desk-password-change-sign-out' }, t.signOut);
  signOut.addEventListener('click', () => {
    // Forgotten here whatever the server answers (signed out already, or offline).
    api.signOut().then(
      () => showSignIn(),
      () => showSignIn(),
    );
  });
  document.title = `${t.choosePasswordHeading} – ${t.title}`;
  root.replaceChildren(
    h(
      'div',
      { class: 'desk-sign-in desk-password-change' },
      h('h1', {}, t.choosePasswordHeading),
      h('p', { class: 'desk-notice', role: 'status' }, t.choosePasswordWhy),
      form,
      h('p', { class: 'desk-password-change-leave' }, signOut),
    ),
  );
  setTimeout(() => form.querySelector<HTMLInputElement>('input')?.focus());
}

async function openDesk(session: SignedIn): Promise<void> {
  let ended = false;
  // Assigned once the sites load; a 401 before then ends the session with no shell to close.
  let shell: DeskShell | undefined;
  const api = new DeskApi(session.token, () => {
    if (ended) return;
    ended = true;
    shell?.close();
    showSignIn(language.t.sessionEnded);
  });
  root.replaceChildren(h('p', { class: 'desk-empty' }, language.t.loading));
  let sites;
  try {
    sites = await api.sites();
  } catch (error) {
    // A session saved before its account was told to choose a password (or by an older desk).
    if (isApiError(error) && error.status === 403 && error.code === PASSWORD_CHANGE_REQUIRED)
      return showPasswordChange({ ...session, mustChangePassword: true });
    // Offline or the server restarting: say so, and let the moderator try again (a 401 went to sign-in).
    if (!ended)
      root.replaceChildren(
        h(
          'p',
          { class: 'desk-empty', role: 'alert' },
          language.t.loadFailed,
          ' ',
          button(language.t.retry, () => void openDesk(session)),
        ),
      );
    return;
  }
  shell = new DeskShell(root, session, language, sites, api, (notice) => {
    ended = true;
    showSignIn(notice);
  });
  shell.start();
}

const session = savedSession();
if (session) enter(session);
else showSignIn();
