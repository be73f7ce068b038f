import type { DeskApi } from './api.js';
import type { DeskCatalogue } from './i18n/en.js';
import type { LiveListener } from './live.js';
import type { ModeratedSite, Moderator } from './types.js';

/** What every view of the desk is given: the API, the words, who is signed in, and the shell's services. */
export interface DeskContext {
  api: DeskApi;
  t: DeskCatalogue;
  lang: string;
  me: Moderator;
  /** Every site this moderator works on (all sites for an admin). */
  sites: ModeratedSite[];
  /** The site picked in the header; null: all of them. */
  site(): ModeratedSite | null;
  siteById(id: number): ModeratedSite | undefined;
  /** A short message in the status area; with undo, an Undo button for a few seconds. */
  notify(message: string, options?: { undo?: () => Promise<void>; error?: boolean }): void;
  /** The message for a failed call: the server's words when it said something, else a generic one. */
  errorMessage(error: unknown): string;
  /** Navigates within the desk (a hash route such as `#/articles/12`). */
  go(route: string): void;
  /** Hears the /moderation namespace until the answered function is called (a view's close). */
  listen(listener: LiveListener): () => void;
}

/** One screen of the desk. keydown answers true when it handled the key. */
export interface View {
  root: HTMLElement;
  keydown?(event: KeyboardEvent): boolean;
  close?(): void;
}
