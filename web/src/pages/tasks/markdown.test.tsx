import { render } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { Markdown, MAX_INLINE_DEPTH, MAX_LIST_DEPTH, parseBlocks, renderInline, safeHref } from './markdown';

const html = (source: string) => render(<Markdown source={source} />).container.innerHTML;

describe('Markdown', () => {
  it('renders paragraphs, headings, emphasis, code and lists', () => {
    const { container } = render(
      <Markdown
        source={[
          '# Plan',
          '',
          'Some **bold** and *italic* and _also_ text with `a < b` code.',
          'Second line.',
          '',
          '- one',
          '- two',
          '',
          '3. three',
          '4. four',
          '',
          '```',
          '<b>not bold</b>',
          '```',
          '> quoted',
        ].join('\n')}
      />,
    );
    expect(container.querySelector('h3')?.textContent).toBe('Plan');
    expect(container.querySelector('strong')?.textContent).toBe('bold');
    expect([...container.querySelectorAll('em')].map((e) => e.textContent)).toEqual(['italic', 'also']);
    expect(container.querySelector('p code')?.textContent).toBe('a < b');
    expect(container.querySelector('p br')).not.toBeNull();
    expect([...container.querySelectorAll('ul li')].map((e) => e.textContent)).toEqual(['one', 'two']);
    expect(container.querySelector('ol')?.getAttribute('start')).toBe('3');
    expect(container.querySelector('pre code')?.textContent).toBe('<b>not bold</b>');
    expect(container.querySelector('pre b')).toBeNull();
    expect(container.querySelector('blockquote')?.textContent).toBe('quoted');
  });

  it('keeps snake_case words and lone markers as text', () => {
    const { container } = render(<Markdown source={'call snake_case_name and 2 * 3 * 4'} />);
    expect(container.querySelector('em')).toBeNull();
    expect(container.textContent).toBe('call snake_case_name and 2 * 3 * 4');
  });

  it('links only http(s) addresses', () => {
    const { container } = render(
      <Markdown source={'[ok](https://example.com/a?b=1) [bad](javascript:alert(1)) [data](data:text/html,x) [rel](/x) [js2](JaVaScRiPt:alert(1))'} />,
    );
    const links = [...container.querySelectorAll('a')];
    expect(links).toHaveLength(1);
    expect(links[0]?.getAttribute('href')).toBe('https://example.com/a?b=1');
    expect(links[0]?.getAttribute('rel')).toContain('noopener');
    expect(container.innerHTML).not.toMatch(/javascript:/i);
    expect(container.innerHTML).not.toMatch(/data:text/i);
    expect(container.textContent).toContain('bad');
    expect(safeHref('javascript:alert(1)')).toBeNull();
    expect(safeHref(' https://x.org ')).toBe('https://x.org/');
    expect(safeHref('https://x.org/"onmouseover=1')).toBeNull();
  });

  it('never renders HTML from the text', () => {
    const out = html('<img src=x onerror=alert(1)> <script>alert(1)</script> **<i>x</i>**');
    expect(out).not.toMatch(/<img|<script|<i>/);
    expect(out).toContain('&lt;img src=x onerror=alert(1)&gt;');
  });

  it('reads long runs of markers in one pass (no quadratic search; a hang trips the time-out)', () => {
    // Markers that never pair: all of it stays text.
    for (const unit of ['[', '(', '`', '*a ', '_a ', '[x](']) {
      // (Led by a word, so a run of `*` is not a horizontal rule.)
      const text = `x ${unit.repeat(Math.ceil(100_000 / unit.length))}`;
      const { container } = render(<Markdown source={text} />);
      expect(container.textContent).toBe(text);
      expect(container.querySelector('a, code, strong, em')).toBeNull();
    }
    // Markers that pair in many ways: rendered, nothing lost but the markers.
    for (const unit of ['**', '[(*_`\\']) {
      const { container } = render(<Markdown source={`x ${unit.repeat(50_000)}`} />);
      expect(container.textContent?.length).toBeGreaterThan(50_000);
    }
  });

  it('still pairs markers correctly with the one-pass search', () => {
    const { container } = render(
      <Markdown source={'[a [b] c](https://x.example/a_(b)) and `one` `two` **s1** **s2** *e1* _e2_ \\*not\\* snake_case_name'} />,
    );
    const link = container.querySelector('a');
    expect(link?.getAttribute('href')).toBe('https://x.example/a_(b)');
    expect(link?.textContent).toBe('a [b] c');
    expect([...container.querySelectorAll('code')].map((e) => e.textContent)).toEqual(['one', 'two']);
    expect([...container.querySelectorAll('strong')].map((e) => e.textContent)).toEqual(['s1', 's2']);
    expect([...container.querySelectorAll('em')].map((e) => e.textContent)).toEqual(['e1', 'e2']);
    expect(container.textContent).toContain('*not*');
    expect(container.textContent).toContain('snake_case_name');
  });

  it(`nests inline markup at most ${MAX_INLINE_DEPTH} deep; deeper stays text`, () => {
    let text = 'core';
    for (let n = 0; n < 2_000; n += 1) text = `[${text}](https://x.example/${n})`;
    const { container } = render(<>{renderInline(text)}</>);
    let depth = 0;
    for (let el: Element | null = container.querySelector('a'); el; el = el.querySelector(':scope > a')) depth += 1;
    expect(depth).toBe(MAX_INLINE_DEPTH);
    expect(container.textContent).toContain('core');
  });

  it('parses blocks', () => {
    expect(parseBlocks('a\nb\n\n## h\n---')).toEqual([
      { kind: 'paragraph', lines: ['a', 'b'] },
      { kind: 'heading', level: 2, text: 'h' },
      { kind: 'rule' },
    ]);
    expect(parseBlocks('')).toEqual([]);
  });

  it('nests a bullet list in an ordered one and an ordered list in a bullet one', () => {
    const { container } = render(<Markdown source={['1. first', '  - a', '  - b', '2. second', '', '- x', '  1. one', '  2. two', '- y'].join('\n')} />);
    const ol = container.querySelector('.markdown > ol') as HTMLElement;
    expect([...ol.children].map((li) => li.firstChild?.textContent)).toEqual(['first', 'second']);
    expect([...ol.querySelectorAll(':scope > li:first-child > ul > li')].map((li) => li.textContent)).toEqual(['a', 'b']);
    const ul = container.querySelector('.markdown > ul') as HTMLElement;
    expect([...ul.children].map((li) => li.firstChild?.textContent)).toEqual(['x', 'y']);
    expect([...ul.querySelectorAll(':scope > li:first-child > ol > li')].map((li) => li.textContent)).toEqual(['one', 'two']);
    expect(container.querySelectorAll('.markdown > *')).toHaveLength(2);
  });

  it('nests three levels, by spaces or tabs, and comes back out', () => {
    const source = ['- one', '  - two', '    - three', '  - two again', '- one again', '\t- by a tab', '\t\t- two tabs'].join('\n');
    expect(parseBlocks(source)).toEqual([
      {
        kind: 'list',
        ordered: false,
        start: 1,
        items: [
          [
            'one',
            {
              kind: 'list',
              ordered: false,
              start: 1,
              items: [['two', { kind: 'list', ordered: false, start: 1, items: [['three']] }], ['two again']],
            },
          ],
          [
            'one again',
            {
              kind: 'list',
              ordered: false,
              start: 1,
              items: [['by a tab', { kind: 'list', ordered: false, start: 1, items: [['two tabs']] }]],
            },
          ],
        ],
      },
    ]);
    const { container } = render(<Markdown source={source} />);
    expect(container.querySelector('ul ul ul li')?.textContent).toBe('three');
    expect(container.querySelectorAll('ul')).toHaveLength(5);
  });

  it('continues an item on indented lines, before and after its nested list', () => {
    const blocks = parseBlocks(['- first line', '  second line', '  - child', '    child more', '  back to the first', '- next', 'a paragraph'].join('\n'));
    expect(blocks).toEqual([
      {
        kind: 'list',
        ordered: false,
        start: 1,
        items: [
          ['first line\nsecond line', { kind: 'list', ordered: false, start: 1, items: [['child\nchild more']] }, 'back to the first'],
          ['next'],
        ],
      },
      { kind: 'paragraph', lines: ['a paragraph'] },
    ]);
    const { container } = render(<Markdown source={'- first line\n  second line\n  - child'} />);
    const li = container.querySelector('li') as HTMLElement;
    expect(li.querySelector('br')).not.toBeNull();
    expect(li.querySelector('ul li')?.textContent).toBe('child');
  });

  it('keeps numbering, inline Markdown, link rules and HTML-as-text inside nested items', () => {
    const { container } = render(
      <Markdown source={['3. three', '   7. seven **bold**', '      - [ok](https://example.com/) [bad](javascript:alert(1)) <img src=x onerror=alert(1)>'].join('\n')} />,
    );
    expect(container.querySelector('ol')?.getAttribute('start')).toBe('3');
    expect(container.querySelector('ol ol')?.getAttribute('start')).toBe('7');
    expect(container.querySelector('ol ol strong')?.textContent).toBe('bold');
    const links = [...container.querySelectorAll('ol ol ul a')];
    expect(links.map((a) => a.getAttribute('href'))).toEqual(['https://example.com/']);
    expect(links[0]?.getAttribute('rel')).toBe('noopener noreferrer nofollow');
    expect(container.querySelector('img')).toBeNull();
    expect(container.innerHTML).not.toMatch(/javascript:/i);
    expect(container.querySelector('ol ol ul li')?.textContent).toContain('<img src=x onerror=alert(1)>');
  });

  it('a list of the other kind at the same level starts a new list; a blank line ends a list', () => {
    expect(parseBlocks('- a\n1. b\n\n- c').map((b) => (b.kind === 'list' ? `${b.ordered ? 'ol' : 'ul'}:${b.items.length}` : b.kind))).toEqual([
      'ul:1',
      'ol:1',
      'ul:1',
    ]);
  });

  it(`caps nesting at ${MAX_LIST_DEPTH} levels: 1,000 levels render, deeper items stay text`, () => {
    const source = Array.from({ length: 1000 }, (_, n) => `${' '.repeat(2 * n)}- level ${n + 1}`).join('\n');
    // (A hang would trip the test's time-out; nothing here is timed.)
    const { container } = render(<Markdown source={source} />);
    let depth = 0;
    for (let el: Element | null = container.querySelector('ul'); el; el = el.querySelector(':scope > li > ul')) depth += 1;
    expect(depth).toBe(MAX_LIST_DEPTH);
    expect(container.querySelectorAll('ul')).toHaveLength(MAX_LIST_DEPTH);
    const deepest = [...container.querySelectorAll('li')].pop() as HTMLElement;
    expect(deepest.textContent).toMatch(new RegExp(`^level ${MAX_LIST_DEPTH}- level ${MAX_LIST_DEPTH + 1}`));
    expect(deepest.textContent).toContain('- level 1000');
    // Numbered levels and tabs too.
    const tabs = Array.from({ length: 1000 }, (_, n) => `${'\t'.repeat(n)}${n + 1}. x`).join('\n');
    expect(render(<Markdown source={tabs} />).container.querySelectorAll('ol')).toHaveLength(MAX_LIST_DEPTH);
  });

  it('parses 10,000 items in one list without trouble', () => {
    const source = Array.from({ length: 10_000 }, (_, n) => `- item ${n}`).join('\n');
    const blocks = parseBlocks(source);
    expect(blocks).toHaveLength(1);
    const list = blocks[0];
    expect(list?.kind === 'list' && list.items.length).toBe(10_000);
    const { container } = render(<Markdown source={source} />);
    expect(container.querySelectorAll('li')).toHaveLength(10_000);
    // 10,000 alternating levels: still linear.
    const zigzag = Array.from({ length: 10_000 }, (_, n) => `${n % 2 ? '  ' : ''}- item ${n}`).join('\n');
    const nested = parseBlocks(zigzag);
    expect(nested).toHaveLength(1);
    expect(nested[0]?.kind === 'list' && nested[0].items.length).toBe(5_000);
  });
});
