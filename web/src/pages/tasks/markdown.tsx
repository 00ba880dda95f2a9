// A small, safe Markdown renderer for task descriptions and comments. It
// builds React elements (never HTML strings, never dangerouslySetInnerHTML):
// HTML in the text stays text. Supported: paragraphs, ATX headings (# … ######),
// **strong**, *emphasis* / _emphasis_, `code`, fenced code blocks, block
// quotes, "-", "*", "+" and "1." lists (nested by indenting 2+ spaces or a
// tab under an item, at most MAX_LIST_DEPTH levels; an item continues on
// indented lines), line breaks, and links [text](url) whose url is http(s) —
// any other scheme (javascript:, data:, vbscript:, relative) is shown as plain
// text.
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

export interface ListBlock {
  kind: 'list';
  ordered: boolean;
  start: number;
  items: ListItem[];
}

/** A list item: its text (lines joined by "\n") and nested lists, in order. */
export type ListItem = (string | ListBlock)[];

export type Block =
  | { kind: 'heading'; level: 1 | 2 | 3 | 4 | 5 | 6; text: string }
  | { kind: 'paragraph'; lines: string[] }
  | { kind: 'code'; text: string }
  | { kind: 'quote'; lines: string[] }
  | ListBlock
  | { kind: 'rule' };

/**
 * Lists nest at most this deep; deeper items stay text in the deepest one, so
 * 1,000 indented levels neither recurse 1,000 times nor build 1,000 elements deep.
 */
export const MAX_LIST_DEPTH = 8;

const BULLET = /^\s{0,3}[-*+]\s+(.*)$/;
const NUMBERED = /^\s{0,3}(\d{1,9})[.)]\s+(.*)$/;
const HEADING = /^\s{0,3}(#{1,6})\s+(.*?)\s*#*\s*$/;
const FENCE = /^\s{0,3}(```|~~~)/;
const QUOTE = /^\s{0,3}>\s?(.*)$/;
const RULE = /^\s{0,3}([-*_])(\s*\1){2,}\s*$/;
// A list item at any indentation (nested lists); matches whatever BULLET and
// NUMBERED match. `s`: the text runs to the end even past a U+2028, so a failed
// match never backtracks through a long run of spaces.
const ANY_BULLET = /^\s*[-*+]\s+(.*)$/s;
const ANY_NUMBERED = /^\s*(\d{1,9})[.)]\s+(.*)$/s;

/** Leading white space in columns (a tab goes to the next multiple of 4). */
function indentOf(line: string): number {
  let width = 0;
  for (let i = 0; i < line.length; i += 1) {
    const c = line[i];
    if (c === ' ') width += 1;
    else if (c === '\t') width += 4 - (width % 4);
    else break;
  }
  return width;
}

interface ListLine {
  ordered: boolean;
  number: number;
  text: string;
}

function listLine(line: string): ListLine | null {
  const bullet = ANY_BULLET.exec(line);
  if (bullet) return { ordered: false, number: 1, text: bullet[1] as string };
  const numbered = ANY_NUMBERED.exec(line);
  if (numbered) return { ordered: true, number: Number(numbered[1]), text: numbered[2] as string };
  return null;
}

/**
 * The list starting at `lines[from]` (an item line): items at its indentation
 * (give or take one space), their continuation lines (indented deeper than the
 * list) and nested lists (items indented 2+ columns deeper). It ends at a blank
 * line, a line indented less, an item of the other kind at its level, or an
 * unindented line. Each line is looked at a bounded number of times (once per
 * open level), so any input parses in linear time.
 */
function parseList(lines: readonly string[], from: number, depth: number): { block: ListBlock; next: number } {
  const first = lines[from] as string;
  const base = indentOf(first);
  const head = listLine(first) as ListLine;
  const block: ListBlock = { kind: 'list', ordered: head.ordered, start: head.number, items: [] };
  const addText = (item: ListItem, text: string) => {
    const last = item.length - 1;
    if (typeof item[last] === 'string') item[last] = `${item[last] as string}\n${text}`;
    else item.push(text);
  };
  let i = from;
  while (i < lines.length) {
    const line = lines[i] as string;
    if (line.trim() === '') break;
    const indent = indentOf(line);
    if (indent < base) break;
    const marker = listLine(line);
    const item = block.items[block.items.length - 1];
    if (marker && indent < base + 2) {
      // An item at this level.
      if (marker.ordered !== block.ordered) break;
      block.items.push([marker.text]);
      i += 1;
    } else if (marker && item) {
      if (depth < MAX_LIST_DEPTH) {
        const nested = parseList(lines, i, depth + 1);
        item.push(nested.block);
        i = nested.next;
      } else {
        // Too deep: the item keeps it as text.
        addText(item, line.trim());
        i += 1;
      }
    } else if (indent > base && item) {
      // An indented continuation line belongs to the item above.
      addText(item, line.trim());
      i += 1;
    } else {
      break;
    }
  }
  return { block, next: i };
}

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
    if (BULLET.test(line) || NUMBERED.test(line)) {
      const { block, next } = parseList(lines, i, 1);
      blocks.push(block);
      i = Math.max(next, i + 1);
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

/**
 * Inline markup nests at most this deep (a link label in emphasis in a link
 * …); deeper, the text is shown as it is. Keeps the recursion shallow for any
 * input.
 */
export const MAX_INLINE_DEPTH = 8;

/**
 * Which characters are escaped by a backslash (one pass, left to right: a
 * backslash escapes the next character unless it is itself escaped).
 */
function escapes(text: string): Uint8Array {
  const escaped = new Uint8Array(text.length + 1);
  for (let i = 0; i < text.length; i += 1) {
    if (text[i] === '\\' && !escaped[i]) escaped[i + 1] = 1;
  }
  return escaped;
}

/**
 * The matching closer of every unescaped opener (`[`→`]`, `(`→`)`), by one
 * pass with a stack; -1 where there is none.
 */
function pairs(text: string, escaped: Uint8Array, open: string, close: string): Int32Array {
  const match = new Int32Array(text.length).fill(-1);
  const stack: number[] = [];
  for (let i = 0; i < text.length; i += 1) {
    if (escaped[i]) continue;
    if (text[i] === open) stack.push(i);
    else if (text[i] === close && stack.length > 0) match[stack.pop() as number] = i;
  }
  return match;
}

/**
 * Answers, for non-decreasing `from`, the first position ≥ `from` where `ok`
 * holds (-1: none). Every position is tested at most once over all calls, so a
 * line full of unmatched markers costs linear time, not quadratic.
 */
function forwardSearch(length: number, ok: (p: number) => boolean): (from: number) => number {
  let lastFrom = 0;
  let found = -2; // nothing searched yet
  return (from) => {
    if (from < lastFrom) found = -2; // not expected; start over rather than answer wrong
    lastFrom = from;
    if (found >= from || found === -1) return found;
    let p = found === -2 ? from : Math.max(from, found + 1);
    while (p < length && !ok(p)) p += 1;
    found = p < length ? p : -1;
    return found;
  };
}

/** Inline Markdown → React nodes. */
export function renderInline(text: string, keyPrefix = 'i', depth = 1): ReactNode[] {
  if (depth > MAX_INLINE_DEPTH) return [text];
  const out: ReactNode[] = [];
  let plain = '';
  let n = 0;
  const key = () => `${keyPrefix}-${(n += 1)}`;
  const flush = () => {
    if (plain) out.push(plain);
    plain = '';
  };
  const inner = (slice: string) => renderInline(slice, key(), depth + 1);
  const escaped = escapes(text);
  const brackets = pairs(text, escaped, '[', ']');
  const parens = pairs(text, escaped, '(', ')');
  const backtick = forwardSearch(text.length, (p) => text[p] === '`');
  const double = {
    '*': forwardSearch(text.length, (p) => text[p] === '*' && text[p + 1] === '*'),
    _: forwardSearch(text.length, (p) => text[p] === '_' && text[p + 1] === '_'),
  };
  // A closing emphasis marker: not escaped, not doubled, not after a space;
  // `_` not followed by a word character (snake_case).
  const emphasisEnd = (marker: '*' | '_') =>
    forwardSearch(
      text.length,
      (p) =>
        !escaped[p] &&
        text[p] === marker &&
        text[p + 1] !== marker &&
        text[p - 1] !== ' ' &&
        !(marker === '_' && p + 1 < text.length && /\w/.test(text[p + 1] as string)),
    );
  const single = { '*': emphasisEnd('*'), _: emphasisEnd('_') };
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
      const end = backtick(i + 1);
      if (end > i + 1) {
        flush();
        out.push(<code key={key()}>{text.slice(i + 1, end)}</code>);
        i = end + 1;
        continue;
      }
    }
    if (c === '[') {
      const close = brackets[i] as number;
      if (close > i && text[close + 1] === '(') {
        const end = parens[close + 1] as number;
        if (end > close) {
          const label = text.slice(i + 1, close);
          const url = text.slice(close + 2, end);
          const href = safeHref(url);
          flush();
          if (href) {
            out.push(
              <a key={key()} href={href} target="_blank" rel="noopener noreferrer nofollow">
                {inner(label)}
              </a>,
            );
          } else {
            // Not a safe link: the label as text, the address dropped.
            out.push(<Fragment key={key()}>{inner(label)}</Fragment>);
          }
          i = end + 1;
          continue;
        }
      }
    }
    if ((c === '*' || c === '_') && text[i + 1] === c) {
      const end = double[c](i + 2);
      if (end > i + 2) {
        flush();
        out.push(<strong key={key()}>{inner(text.slice(i + 2, end))}</strong>);
        i = end + 2;
        continue;
      }
    }
    if (c === '*' || c === '_') {
      // `_` inside a word (snake_case) is not emphasis.
      const wordBefore = c === '_' && i > 0 && /\w/.test(text[i - 1] as string);
      if (!wordBefore && text[i + 1] !== ' ') {
        const end = single[c](i + 1);
        if (end > i + 1) {
          flush();
          out.push(<em key={key()}>{inner(text.slice(i + 1, end))}</em>);
          i = end + 1;
          continue;
        }
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

function renderList(list: ListBlock, k: string): ReactNode {
  const items = list.items.map((item, j) => (
    <li key={`${k}-${j}`}>
      {item.map((part, p) =>
        typeof part === 'string' ? (
          <Fragment key={p}>{renderInline(part, `${k}-${j}-${p}`)}</Fragment>
        ) : (
          <Fragment key={p}>{renderList(part, `${k}-${j}-${p}`)}</Fragment>
        ),
      )}
    </li>
  ));
  return list.ordered ? (
    <ol key={k} start={list.start === 1 ? undefined : list.start}>
      {items}
    </ol>
  ) : (
    <ul key={k}>{items}</ul>
  );
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
          case 'list':
            return renderList(b, k);
          case 'paragraph':
          default:
            return <p key={k}>{renderInline(b.kind === 'paragraph' ? b.lines.join('\n') : '', k)}</p>;
        }
      })}
    </div>
  );
}
