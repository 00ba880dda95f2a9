import { describe, expect, it } from 'vitest';
import { checkProjectKey, normalizeKeyInput, suggestKey } from './projectKey';

describe('suggestKey', () => {
  it.each([
    ['Website', 'WEB'],
    ['Mobile App', 'MA'],
    ['Customer Support Portal', 'CSP'],
    ['app', 'APP'],
    ['Go', 'GO'],
    ['Café crème', 'CC'],
    ['Élan', 'ELAN'],
    ['2026 roadmap', 'ROA'],
    ['Q4 plans', 'QP'],
    ['a b c d e f g h i j k l', 'ABCDEFGHIJ'],
    ['web-app_v2', 'WAV'],
  ])('%s → %s', (name, key) => {
    expect(suggestKey(name)).toBe(key);
  });

  it('answers nothing for names without two letters', () => {
    expect(suggestKey('')).toBe('');
    expect(suggestKey('X')).toBe('');
    expect(suggestKey('123 456')).toBe('');
    expect(suggestKey('日本')).toBe('');
  });

  it('always suggests a key the server accepts', () => {
    for (const name of ['Website', 'A B', 'x y z', 'Ünïcödé Pröject', 'The quick brown fox jumps over the lazy dog again']) {
      const key = suggestKey(name);
      expect(checkProjectKey(key)).toBeUndefined();
    }
  });
});

describe('checkProjectKey', () => {
  it('accepts 2 to 10 letters A-Z only', () => {
    expect(checkProjectKey('AB')).toBeUndefined();
    expect(checkProjectKey('ABCDEFGHIJ')).toBeUndefined();
    expect(checkProjectKey('')).toBe('Enter a key.');
    expect(checkProjectKey('A')).toBe('Use 2 to 10 letters.');
    expect(checkProjectKey('ABCDEFGHIJK')).toBe('Use 2 to 10 letters.');
    expect(checkProjectKey('AB1')).toBe('Use only the letters A to Z.');
    expect(checkProjectKey('ÄB')).toBe('Use only the letters A to Z.');
    expect(checkProjectKey('ab')).toBe('Use only the letters A to Z.');
  });

  it('normalises typing to upper case without spaces', () => {
    expect(normalizeKeyInput('we b')).toBe('WEB');
    expect(normalizeKeyInput('a-1')).toBe('A-1');
  });
});
