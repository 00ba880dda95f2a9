/**
 * The row to focus after a key in a list of `count` rows, or `null` for keys
 * the list does not handle: arrows move one row (stopping at the ends),
 * Home/End jump, PageUp/PageDown move by 10.
 */
export function nextRow(current: number, key: string, count: number): number | null {
  if (count <= 0) return null;
  const clamp = (i: number) => Math.max(0, Math.min(count - 1, i));
  switch (key) {
    case 'ArrowDown':
      return clamp(current + 1);
    case 'ArrowUp':
      return clamp(current - 1);
    case 'Home':
      return 0;
    case 'End':
      return count - 1;
    case 'PageDown':
      return clamp(current + 10);
    case 'PageUp':
      return clamp(current - 10);
    default:
      return null;
  }
}
