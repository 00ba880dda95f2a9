export type ThemePreference = 'system' | 'light' | 'dark';

const KEY = 'workstead.theme';

export function readTheme(): ThemePreference {
  try {
    const v = localStorage.getItem(KEY);
    return v === 'light' || v === 'dark' ? v : 'system';
  } catch {
    return 'system';
  }
}

/** Applies the preference to <html data-theme> (CSS follows) and remembers it. */
export function applyTheme(pref: ThemePreference, persist = true): void {
  const root = document.documentElement;
  if (pref === 'system') delete root.dataset.theme;
  else root.dataset.theme = pref;
  if (!persist) return;
  try {
    if (pref === 'system') localStorage.removeItem(KEY);
    else localStorage.setItem(KEY, pref);
  } catch {
    // Private mode or storage disabled: the choice lasts for this page only.
  }
}
