/**
 * The reader the news site signed in, for the widget: the token comes from the script's
 * `data-sso` attribute, or later from `window.Kolom.signIn(token)` once the site's own login is
 * done (`window.Kolom.signOut()` forgets it). The widget only reads the name to show; Kolom's
 * server checks the signature and takes name and email from the token, never from the form.
 */
export interface SignedInReader {
  token: string;
  name: string;
}

type Listener = (reader: SignedInReader | null) => void;

const listeners = new Set<Listener>();

/** The token's `name` claim, for display; null when it is not a readable token. */
export function signedInReader(token: string | null | undefined): SignedInReader | null {
  if (!token) return null;
  try {
    const payload = atob((token.split('.')[1] ?? '').replace(/-/g, '+').replace(/_/g, '/'));
    const json = JSON.parse(new TextDecoder().decode(Uint8Array.from(payload, (c) => c.charCodeAt(0)))) as { name?: unknown };
    return typeof json.name === 'string' && json.name.trim() ? { token, name: json.name.trim() } : null;
  } catch {
    return null;
  }
}

/** Exposes `window.Kolom.signIn/signOut` to the page; each widget on it follows. */
export function followSignIn(listener: Listener): void {
  listeners.add(listener);
  const api = {
    signIn(token: string) {
      const reader = signedInReader(token);
      for (const each of listeners) each(reader);
    },
    signOut() {
      for (const each of listeners) each(null);
    },
  };
  (window as unknown as { Kolom?: typeof api }).Kolom = api;
}
