import '@testing-library/jest-dom/vitest';
import { cleanup, configure } from '@testing-library/react';
import { afterEach } from 'vitest';
import { clearSessionCookie } from './fakeServer';

// Lazy screens are transformed on first use; a cold import can take over the default second.
configure({ asyncUtilTimeout: 5000 });

afterEach(() => {
  // Node-environment tests (the schema check) have no DOM.
  if (typeof document === 'undefined') return;
  cleanup();
  clearSessionCookie();
  localStorage.clear();
});
