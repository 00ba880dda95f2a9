import { render } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { Highlighted, parseSnippet } from './snippet';
import { isPaletteShortcut, nextActive } from './keyboard';

describe('parseSnippet', () => {
  it('splits the server’s ** marks into matched and plain parts', () => {
    expect(parseSnippet('ship the **release** notes **today**')).toEqual([
      { text: 'ship the ', match: false },
      { text: 'release', match: true },
      { text: ' notes ', match: false },
      { text: 'today', match: true },
    ]);
    expect(parseSnippet('**all**')).toEqual([{ text: 'all', match: true }]);
    expect(parseSnippet('plain')).toEqual([{ text: 'plain', match: false }]);
    expect(parseSnippet('')).toEqual([]);
  });

  it('keeps an unpaired mark as text', () => {
    expect(parseSnippet('a **b** c ** d')).toEqual([
      { text: 'a ', match: false },
      { text: 'b', match: true },
      { text: ' c ** d', match: false },
    ]);
    expect(parseSnippet('x**')).toEqual([{ text: 'x**', match: false }]);
  });
});

describe('Highlighted', () => {
  it('renders markup in a snippet as text, never as HTML', () => {
    const evil = '<img src=x onerror="window.hacked=1"> **<b>bold</b>** <script>alert(1)</script>';
    const { container } = render(<Highlighted snippet={evil} />);
    expect(container.querySelector('img')).toBeNull();
    expect(container.querySelector('script')).toBeNull();
    expect(container.querySelector('b')).toBeNull();
    const marks = container.querySelectorAll('mark');
    expect(marks).toHaveLength(1);
    expect(marks[0]?.textContent).toBe('<b>bold</b>');
    expect(container.textContent).toBe('<img src=x onerror="window.hacked=1"> <b>bold</b> <script>alert(1)</script>');
    expect((window as unknown as { hacked?: number }).hacked).toBeUndefined();
  });
});

describe('palette keys', () => {
  it('moves the active option with wrapping arrows and paging', () => {
    expect(nextActive(-1, 'ArrowDown', 3)).toBe(0);
    expect(nextActive(2, 'ArrowDown', 3)).toBe(0);
    expect(nextActive(0, 'ArrowUp', 3)).toBe(2);
    expect(nextActive(-1, 'ArrowUp', 3)).toBe(2);
    expect(nextActive(1, 'PageDown', 10)).toBe(6);
    expect(nextActive(8, 'PageDown', 10)).toBe(9);
    expect(nextActive(3, 'PageUp', 10)).toBe(0);
    expect(nextActive(0, 'ArrowDown', 0)).toBe(-1);
    expect(nextActive(0, 'x', 3)).toBeNull();
  });

  it('opens on Ctrl-K and Cmd-K only', () => {
    const k = { key: 'k', ctrlKey: false, metaKey: false, altKey: false, shiftKey: false };
    expect(isPaletteShortcut({ ...k, ctrlKey: true })).toBe(true);
    expect(isPaletteShortcut({ ...k, metaKey: true, key: 'K' })).toBe(true);
    expect(isPaletteShortcut(k)).toBe(false);
    expect(isPaletteShortcut({ ...k, ctrlKey: true, shiftKey: true })).toBe(false);
    expect(isPaletteShortcut({ ...k, ctrlKey: true, key: 'j' })).toBe(false);
  });
});
