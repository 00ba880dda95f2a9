import { describe, expect, it } from 'vitest';
import { checkSlug, checkWorkspaceName, deriveSlug, normalizeSlugInput } from './slug';

describe('deriveSlug (the same cases as the server, model_test.cpp)', () => {
  it.each([
    ['Acme Inc.', 'acme-inc'],
    ['  Hello,   World!  ', 'hello-world'],
    ["Zoë's Café", 'zo-s-caf'],
    ['日本', 'workspace'],
    ['', 'workspace'],
    ['A', 'a-ws'],
    ['z'.repeat(60), 'z'.repeat(40)],
    ['\u0130stanbul \u212Aelvin', 'stanbul-elvin'], // dotted I and the Kelvin sign are not ASCII letters
  ])('%j → %j', (name, slug) => {
    expect(deriveSlug(name)).toBe(slug);
    expect(checkSlug(deriveSlug(name))).toBeUndefined();
  });

  it('never ends in a dash after cutting to 40 characters', () => {
    const slug = deriveSlug(`${'a'.repeat(39)} b`);
    expect(slug).toBe('a'.repeat(39));
    expect(checkSlug(slug)).toBeUndefined();
  });
});

describe('checkSlug', () => {
  it.each(['abc', 'acme-labs', 'a1-b2', 'a--b', '123', 'x'.repeat(40)])('accepts %j', (slug) => {
    expect(checkSlug(slug)).toBeUndefined();
  });

  it.each([
    ['ab', /at least 3/],
    ['x'.repeat(41), /at most 40/],
    ['Acme', /lower-case/],
    ['acme_labs', /lower-case/],
    ['acme labs', /lower-case/],
    ['-acme', /Start and end/],
    ['acme-', /Start and end/],
  ])('refuses %j', (slug, message) => {
    expect(checkSlug(slug)).toMatch(message);
  });
});

describe('normalizeSlugInput', () => {
  it('lower-cases and turns spaces and underscores into dashes while typing', () => {
    expect(normalizeSlugInput('Acme Labs_2')).toBe('acme-labs-2');
  });
});

describe('checkWorkspaceName', () => {
  it('wants 1 to 100 characters after trimming, counting code points', () => {
    expect(checkWorkspaceName('   ')).toBe('Enter a name.');
    expect(checkWorkspaceName('😀'.repeat(100))).toBeUndefined();
    expect(checkWorkspaceName('a'.repeat(101))).toMatch(/at most 100/);
  });
});
