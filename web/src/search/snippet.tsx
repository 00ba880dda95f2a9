export interface SnippetPart {
  text: string;
  match: boolean;
}

/**
 * Splits a search snippet into plain and matched parts. The server marks
 * matches with `**` on both sides (docs/projects.md "Search"); an unpaired
 * marker at the end is kept as text. Nothing is interpreted as HTML: the parts
 * are rendered as React text nodes.
 */
export function parseSnippet(snippet: string): SnippetPart[] {
  const pieces = snippet.split('**');
  // An even number of pieces means an odd number of markers: the last one has no partner.
  if (pieces.length % 2 === 0) {
    const last = pieces.pop() ?? '';
    pieces[pieces.length - 1] += `**${last}`;
  }
  const parts: SnippetPart[] = [];
  pieces.forEach((text, i) => {
    if (text) parts.push({ text, match: i % 2 === 1 });
  });
  return parts;
}

/** A snippet with its matches in <mark>. */
export function Highlighted({ snippet }: { snippet: string }) {
  return (
    <>
      {parseSnippet(snippet).map((part, i) => (part.match ? <mark key={i}>{part.text}</mark> : <span key={i}>{part.text}</span>))}
    </>
  );
}
