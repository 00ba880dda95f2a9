// A small, safe Markdown renderer for task descriptions and comments. It
// builds React elements (never HTML strings, never dangerouslySetInnerHTML):
// HTML in the text stays text. Supported: paragraphs, ATX headings (# … ######),
// **strong**, *emphasis* / _emphasis_, `code`, fenced code blocks, block
// quotes, "-", "*", "+" and "1." lists (one level), line breaks, and links
// [text](url) whose url is http(s) — any other scheme (javascript:, data:,
// vbscript:, relative) is shown as plain text.
import { Fragment, type ReactNode } from 'react';

/** True for an absolute http(s) URL without control characters or spaces. */
export function safeHref(url: string): string | null {
  const trimmed = url.trim();
  if (!/^https?:\/\/[^\s<>"'`\\\u0000-\u001f\u007f]+$/i.test(trimmed)) return null;
  try {
    const parsed = new URL(trimmed);
    return parsed.protocol === 'http:' || parsed.protocol === 'https:' ? parsed.href : null;
  } catch {
    return null;
  }
}

type Block =
  | { kind: 'heading'; level: 1 | 2 | 3 | 4 | 5 | 6; text: string }
  | { kind: 'paragraph'; lines: string[] }
  | { kind: 'code'; text: string }
  | { kind: 'quote'; lines: string[] }
  | { kind: 'list'; ordered: boolean; start: number; items: string[] }
  | { kind: 'rule' };

const BULLET = /^\s{0,3}[-*+]\s+(.*)$/;
const NUMBERED = /^\s{0,3}(\d{1,9})[.)]\s+(.*)$/;
const HEADING = /^\s{0,3}(#{1,6})\s+(.*?)\s*#*\s*$/;
const FENCE = /^\s{0,3}(```|~~~)/;
const QUOTE = /^\s{0,3}>\s?(.*)$/;
const RULE = /^\s{0,3}([-*_])(\s*\1){2,}\s*$/;

export function parseBlocks(source: string): Block[] {
  const lines = source.replace(/\r\n?/g, '\n').split('\n');
  const blocks: Block[] = [];
  let i = 0;
  while (i < lines.length) {
    const line = lines[i] as string;
    if (line.trim() === '') {
      i += 1;
      continue;
    }
    const fence = FENCE.exec(line);
    if (fence) {
      const marker = fence[1] as string;
      const body: string[] = [];
      i += 1;
      while (i < lines.length && !(lines[i] as string).trimStart().startsWith(marker)) {
        body.push(lines[i] as string);
        i += 1;
      }
      i += 1; // the closing fence (or the end)
      blocks.push({ kind: 'code', text: body.join('\n') });
      continue;
    }
    const heading = HEADING.exec(line);
    if (heading) {
      blocks.push({ kind: 'heading', level: (heading[1] as string).length as 1 | 2 | 3 | 4 | 5 | 6, text: heading[2] as string });
      i += 1;
      continue;
    }
    if (RULE.test(line)) {
      blocks.push({ kind: 'rule' });
      i += 1;
      continue;
    }
    if (QUOTE.test(line)) {
      const quoted: string[] = [];
      while (i < lines.length && QUOTE.test(lines[i] as string)) {
        quoted.push((QUOTE.exec(lines[i] as string) as RegExpExecArray)[1] as string);
        i += 1;
      }
      blocks.push({ kind: 'quote', lines: quoted });
      continue;
    }
    const bullet = BULLET.exec(line);
    const numbered = NUMBERED.exec(line);
    if (bullet || numbered) {
      const ordered = !bullet;
      const pattern = ordered ? NUMBERED : BULLET;
      const items: string[] = [];
      const start = numbered ? Number(numbered[1]) : 1;
      while (i < lines.length) {
        const current = lines[i] as string;
        const m = pattern.exec(current);
        if (m) {
          items.push((ordered ? m[2] : m[1]) as string);
        } else if (current.trim() !== '' && /^\s+/.test(current) && items.length > 0) {
          // An indented continuation line belongs to the item above.
          items[items.length - 1] += `\n${current.trim()}`;
        } else {
          break;
        }
        i += 1;
      }
      blocks.push({ kind: 'list', ordered, start, items });
      continue;
    }
    const para: string[] = [];
    while (i < lines.length) {
      const current = lines[i] as string;
      if (current.trim() === '' || FENCE.test(current) || HEADING.test(current) || QUOTE.test(current) || BULLET.test(current) || NUMBERED.test(current)) break;
      para.push(current);
      i += 1;
    }
    blocks.push({ kind: 'paragraph', lines: para });
  }
  return blocks;
}

/** Inline Markdown → React nodes. */
export function renderInline(text: string, keyPrefix = 'i'): ReactNode[] {
  const out: ReactNode[] = [];
  let plain = '';
  let n = 0;
  const key = () => `${keyPrefix}-${(n += 1)}`;
  const flush = () => {
    if (plain) out.push(plain);
    plain = '';
  };
  let i = 0;
  while (i < text.length) {
    const c = text[i] as string;
    // Backslash escapes a punctuation character.
    if (c === '\\' && i + 1 < text.length && /[\\`*_[\]()#+\-.!>]/.test(text[i + 1] as string)) {
      plain += text[i + 1];
      i += 2;
      continue;
    }
    if (c === '`') {
      const end = text.indexOf('`', i + 1);
      if (end > i + 1) {
        flush();
        out.push(<code key={key()}>{text.slice(i + 1, end)}</code>);
        i = end + 1;
        continue;
      }
    }
    if (c === '[') {
      const close = findClosing(text, i, '[', ']');
      if (close > i && text[close + 1] === '(') {
        const end = findClosing(text, close + 1, '(', ')');
        if (end > close) {
          const label = text.slice(i + 1, close);
          const url = text.slice(close + 2, end);
          const href = safeHref(url);
          flush();
          if (href) {
            out.push(
              <a key={key()} href={href} target="_blank" rel="noopener noreferrer nofollow">
                {renderInline(label, key())}
              </a>,
            );
          } else {
            // Not a safe link: the label as text, the address dropped.
            out.push(<Fragment key={key()}>{renderInline(label, key())}</Fragment>);
          }
          i = end + 1;
          continue;
        }
      }
    }
    if ((c === '*' || c === '_') && text[i + 1] === c) {
      const end = text.indexOf(c + c, i + 2);
      if (end > i + 2) {
        flush();
        out.push(<strong key={key()}>{renderInline(text.slice(i + 2, end), key())}</strong>);
        i = end + 2;
        continue;
      }
    }
    if (c === '*' || c === '_') {
      // `_` inside a word (snake_case) is not emphasis.
      const wordBefore = c === '_' && i > 0 && /\w/.test(text[i - 1] as string);
      const end = findEmphasisEnd(text, i + 1, c);
      if (!wordBefore && end > i + 1 && text[i + 1] !== ' ') {
        flush();
        out.push(<em key={key()}>{renderInline(text.slice(i + 1, end), key())}</em>);
        i = end + 1;
        continue;
      }
    }
    if (c === '\n') {
      flush();
      out.push(<br key={key()} />);
      i += 1;
      continue;
    }
    plain += c;
    i += 1;
  }
  flush();
  return out;
}

function findClosing(text: string, from: number, open: string, close: string): number {
  let depth = 0;
  for (let i = from; i < text.length; i += 1) {
    const c = text[i];
    if (c === '\\') {
      i += 1;
      continue;
    }
    if (c === open) depth += 1;
    else if (c === close) {
      depth -= 1;
      if (depth === 0) return i;
    }
  }
  return -1;
}

function findEmphasisEnd(text: string, from: number, marker: string): number {
  for (let i = from; i < text.length; i += 1) {
    if (text[i] === '\\') {
      i += 1;
      continue;
    }
    if (text[i] === marker && text[i + 1] !== marker && text[i - 1] !== ' ') {
      if (marker === '_' && i + 1 < text.length && /\w/.test(text[i + 1] as string)) continue;
      return i;
    }
  }
  return -1;
}

/** Markdown → React elements. */
export function Markdown({ source, className }: { source: string; className?: string }) {
  const blocks = parseBlocks(source);
  return (
    <div className={['markdown', className].filter(Boolean).join(' ')}>
      {blocks.map((b, i) => {
        const k = `b${i}`;
        switch (b.kind) {
          case 'heading': {
            const Tag = `h${Math.min(6, b.level + 2)}` as 'h3' | 'h4' | 'h5' | 'h6';
            return <Tag key={k}>{renderInline(b.text, k)}</Tag>;
          }
          case 'code':
            return (
              <pre key={k}>
                <code>{b.text}</code>
              </pre>
            );
          case 'quote':
            return <blockquote key={k}>{renderInline(b.lines.join('\n'), k)}</blockquote>;
          case 'rule':
            return <hr key={k} />;
          case 'list': {
            const items = b.items.map((item, j) => <li key={`${k}-${j}`}>{renderInline(item, `${k}-${j}`)}</li>);
            return b.ordered ? (
              <ol key={k} start={b.start === 1 ? undefined : b.start}>
                {items}
              </ol>
            ) : (
              <ul key={k}>{items}</ul>
            );
          }
          case 'paragraph':
          default:
            return <p key={k}>{renderInline(b.kind === 'paragraph' ? b.lines.join('\n') : '', k)}</p>;
        }
      })}
    </div>
  );
}
