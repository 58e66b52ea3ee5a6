// A projector cannot scroll: a list that would run past the bottom of its box shows the items that fit,
// whole, instead of one cut in half. Used as an attachment on the list; its parent is the box that clips.

/** Hides the items of `list` that end below its parent's bottom edge (the first one always stays). */
export function fitItems(list: HTMLElement): () => void {
  const box = list.parentElement;
  if (!box || typeof ResizeObserver === 'undefined') return () => {};
  let frame = 0;
  const fit = (): void => {
    cancelAnimationFrame(frame);
    frame = requestAnimationFrame(() => {
      const items = [...list.children].filter((child): child is HTMLElement => child instanceof HTMLElement);
      for (const item of items) item.style.display = '';
      const limit = box.getBoundingClientRect().bottom;
      items.forEach((item, index) => {
        if (index > 0 && item.getBoundingClientRect().bottom > limit + 1) item.style.display = 'none';
      });
    });
  };
  const resized = new ResizeObserver(fit);
  // The box for a resized screen, the list for its own text reflowing (fonts arriving, longer questions).
  resized.observe(box);
  resized.observe(list);
  const changed = new MutationObserver(fit);
  changed.observe(list, { childList: true, subtree: true, characterData: true });
  fit();
  void document.fonts.ready.then(fit);
  return () => {
    cancelAnimationFrame(frame);
    resized.disconnect();
    changed.disconnect();
  };
}
