/** The Workstead mark (decorative; the product name is always next to it). */
export function Logo() {
  return (
    <svg viewBox="0 0 32 32" aria-hidden="true" focusable="false">
      <rect className="logo__bg" width="32" height="32" rx="7" />
      <path
        d="M7 10l3.2 12h1.6L16 13l4.2 9h1.6L25 10"
        className="logo__mark"
        fill="none"
        strokeWidth="2.6"
        strokeLinecap="round"
        strokeLinejoin="round"
      />
    </svg>
  );
}
