/**
 * The moderation desk at /moderate: sign in, then work the queues live. Served with a strict
 * Content-Security-Policy: everything on screen is built here with DOM calls (never innerHTML),
 * and the stylesheet is a file of its own.
 */
import './desk.css';
import { DeskApi } from './api.js';
import { languageFor } from './i18n/index.js';
import { forgetSession, savedLanguage, savedSession, saveSession } from './session.js';
import { DeskShell } from './shell.js';
import { signInForm } from './sign-in.js';
import type { SignedIn } from './types.js';
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
      void openDesk(session);
    }),
  );
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
  } catch {
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
if (session) void openDesk(session);
else showSignIn();
