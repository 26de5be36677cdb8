/**
 * Work the page holds and the server does not: a drawn or pasted block not saved as a proposal,
 * a proposal edited and not saved, a form filled in and not sent. Each owner marks its part under
 * its own key; while any part is unsaved, leaving or reloading the page asks first.
 */
const unsaved = new Set<string>();

/** Marks (or clears) the unsaved work of one owner, e.g. `plan`. */
export function setUnsaved(key: string, dirty: boolean): void {
  if (dirty) unsaved.add(key);
  else unsaved.delete(key);
}

/** Whether anything on the page would be lost by leaving it. */
export const hasUnsavedWork = (): boolean => unsaved.size > 0;

/**
 * The page's `beforeunload` handler: asks the browser to confirm leaving while something is
 * unsaved (the browser shows its own, localised question), and stays out of the way otherwise.
 */
export function confirmLeaving(event: Pick<BeforeUnloadEvent, 'preventDefault' | 'returnValue'>): void {
  if (!hasUnsavedWork()) return;
  event.preventDefault();
  // Older Chromium and Safari ask only when `returnValue` is set.
  event.returnValue = '';
}
