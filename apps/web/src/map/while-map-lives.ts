/** Runs `fn` on a map that may already be gone (the map's own cleanup can run first). */
export function whileMapLives(fn: () => void): void {
  try {
    fn();
  } catch {
    // The map was removed with its style: nothing left to clean.
  }
}
