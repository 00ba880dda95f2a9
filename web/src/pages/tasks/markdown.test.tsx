import { render } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { Markdown, parseBlocks, safeHref } from './markdown';

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

  it('parses blocks', () => {
    expect(parseBlocks('a\nb\n\n## h\n---')).toEqual([
      { kind: 'paragraph', lines: ['a', 'b'] },
      { kind: 'heading', level: 2, text: 'h' },
      { kind: 'rule' },
    ]);
    expect(parseBlocks('')).toEqual([]);
  });
});
