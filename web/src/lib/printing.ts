// Knowing when the page is printed: the print dialog and a PDF export fire beforeprint/afterprint, and
// print media can also be switched on without them (a test emulating print). Pages that show part of
// their content at a time (a day's tab, lazily laid-out rows) show all of it while printing.

const printMedia = (): MediaQueryList | null =>
  typeof window !== 'undefined' && typeof window.matchMedia === 'function' ? window.matchMedia('print') : null;

/** Whether the page is being printed right now. */
export function isPrinting(): boolean {
  return printMedia()?.matches ?? false;
}

/** Calls `onChange(true)` when printing starts and `onChange(false)` when it ends; returns how to stop watching. */
export function watchPrinting(onChange: (printing: boolean) => void): () => void {
  if (typeof window === 'undefined') return () => undefined;
  const media = printMedia();
  const before = (): void => onChange(true);
  const after = (): void => onChange(media?.matches ?? false);
  const change = (event: MediaQueryListEvent): void => onChange(event.matches);
  window.addEventListener('beforeprint', before);
  window.addEventListener('afterprint', after);
  media?.addEventListener('change', change);
  return () => {
    window.removeEventListener('beforeprint', before);
    window.removeEventListener('afterprint', after);
    media?.removeEventListener('change', change);
  };
}
