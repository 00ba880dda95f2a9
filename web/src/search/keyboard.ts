/**
 * The active option after a key in the palette's list of `count` options
 * (−1 = none): arrows wrap, Home/End jump, PageUp/PageDown move by 5.
 * Answers `null` for keys the list does not handle.
 */
export function nextActive(current: number, key: string, count: number): number | null {
  if (count <= 0) return key === 'ArrowDown' || key === 'ArrowUp' ? -1 : null;
  switch (key) {
    case 'ArrowDown':
      return current < 0 || current >= count - 1 ? 0 : current + 1;
    case 'ArrowUp':
      return current <= 0 ? count - 1 : current - 1;
    case 'Home':
      return 0;
    case 'End':
      return count - 1;
    case 'PageDown':
      return Math.min(count - 1, Math.max(0, current) + 5);
    case 'PageUp':
      return Math.max(0, current - 5);
    default:
      return null;
  }
}

/** Whether a keydown is the palette's shortcut: Ctrl-K, or Cmd-K on a Mac. */
export function isPaletteShortcut(e: { key: string; ctrlKey: boolean; metaKey: boolean; altKey: boolean; shiftKey: boolean }): boolean {
  return (e.key === 'k' || e.key === 'K') && (e.ctrlKey || e.metaKey) && !e.altKey && !e.shiftKey;
}
