import { button } from '../ui.js';

/**
 * A button that asks before it acts, without a dialog: the first press turns it into "Confirm …",
 * the second acts. Leaving it (focus elsewhere, Escape) takes the question back. `act` reports its
 * own failures (the callers notify the moderator); the button only waits for it to settle.
 */
export function twoStepButton(label: string, confirmLabel: string, act: () => Promise<void>, attributes: Record<string, string> = {}): HTMLButtonElement {
  let armed = false;
  const disarm = () => {
    armed = false;
    element.textContent = label;
    element.removeAttribute('data-confirm');
    if (attributes['aria-label']) element.setAttribute('aria-label', attributes['aria-label']);
  };
  const element = button(
    label,
    () => {
      if (!armed) {
        armed = true;
        element.textContent = confirmLabel;
        element.setAttribute('data-confirm', '');
        // The visible words are the question now; a screen reader reads them too.
        element.removeAttribute('aria-label');
        return;
      }
      element.disabled = true;
      void act().finally(() => {
        element.disabled = false;
        disarm();
      });
    },
    { variant: 'danger', ...attributes },
  );
  element.addEventListener('blur', () => {
    if (armed && !element.disabled) disarm();
  });
  element.addEventListener('keydown', (event) => {
    if (event.key === 'Escape' && armed) {
      event.stopPropagation();
      disarm();
    }
  });
  return element;
}
