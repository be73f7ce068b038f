/**
 * Web storage that may be refused: blocked (a sandboxed frame, third-party storage turned off),
 * private mode, a full quota. Reading then answers null and writing keeps nothing: the widget and
 * the desk both work without it, only forgetting across reloads.
 */
type Area = 'localStorage' | 'sessionStorage';

export function readStored(area: Area, key: string): string | null {
  try {
    // Inside the try: in a blocked frame even reaching the storage object throws.
    return window[area].getItem(key);
  } catch {
    return null;
  }
}

/** null removes the key. */
export function writeStored(area: Area, key: string, value: string | null): void {
  try {
    if (value === null) window[area].removeItem(key);
    else window[area].setItem(key, value);
  } catch {
    // Not kept: see above.
  }
}
