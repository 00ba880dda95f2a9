import { useState } from 'react';
import { applyTheme, readTheme, type ThemePreference } from '../lib/theme';

const NEXT: Record<ThemePreference, ThemePreference> = { system: 'light', light: 'dark', dark: 'system' };
const NAMES: Record<ThemePreference, string> = { system: 'system', light: 'light', dark: 'dark' };

function Icon({ pref }: { pref: ThemePreference }) {
  const common = { fill: 'none', stroke: 'currentColor', strokeWidth: 2, strokeLinecap: 'round' as const, strokeLinejoin: 'round' as const };
  if (pref === 'light') {
    return (
      <svg viewBox="0 0 24 24" aria-hidden="true" {...common}>
        <circle cx="12" cy="12" r="4" />
        <path d="M12 2v2M12 20v2M4.9 4.9l1.4 1.4M17.7 17.7l1.4 1.4M2 12h2M20 12h2M4.9 19.1l1.4-1.4M17.7 6.3l1.4-1.4" />
      </svg>
    );
  }
  if (pref === 'dark') {
    return (
      <svg viewBox="0 0 24 24" aria-hidden="true" {...common}>
        <path d="M21 12.8A9 9 0 1 1 11.2 3a7 7 0 0 0 9.8 9.8z" />
      </svg>
    );
  }
  return (
    <svg viewBox="0 0 24 24" aria-hidden="true" {...common}>
      <rect x="3" y="4" width="18" height="12" rx="2" />
      <path d="M8 20h8M12 16v4" />
    </svg>
  );
}

/** Cycles system → light → dark; the choice is kept in localStorage. */
export function ThemeToggle() {
  const [pref, setPref] = useState<ThemePreference>(readTheme);
  const next = NEXT[pref];
  return (
    <button
      type="button"
      className="icon-btn"
      data-testid="theme-toggle"
      title={`Theme: ${NAMES[pref]}. Switch to ${NAMES[next]}.`}
      aria-label={`Theme: ${NAMES[pref]}. Switch to ${NAMES[next]}.`}
      onClick={() => {
        applyTheme(next);
        setPref(next);
      }}
    >
      <Icon pref={pref} />
    </button>
  );
}
