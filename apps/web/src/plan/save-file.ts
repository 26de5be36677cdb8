/**
 * Hands `blob` to the browser as a download named `filename` (a PDF fetched with the session's
 * cookie and the page's language, which a plain link could not show progress or errors for).
 */
export function saveFile(blob: Blob, filename: string): void {
  const url = URL.createObjectURL(blob);
  const link = document.createElement('a');
  link.href = url;
  link.download = filename;
  link.rel = 'noopener';
  document.body.append(link);
  link.click();
  link.remove();
  // The click has started the download; the browser may still be reading the URL for a moment.
  setTimeout(() => URL.revokeObjectURL(url), 60_000);
}
