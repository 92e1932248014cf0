// A long list sent as chat text would be cut off: WeCom keeps the first 2,048 bytes of a text
// message (docs/platforms.md). Lists are split at line ends into parts that fit.
export const MAX_TEXT_BYTES = 2000;

const bytes = (s: string) => Buffer.byteLength(s, 'utf8');

export function splitText(text: string, maxBytes = MAX_TEXT_BYTES): string[] {
  const parts: string[] = [];
  let current = '';
  for (const line of text.split('\n')) {
    for (const piece of cutLine(line, maxBytes)) {
      const next = current ? `${current}\n${piece}` : piece;
      if (current && bytes(next) > maxBytes) {
        parts.push(current);
        current = piece;
      } else {
        current = next;
      }
    }
  }
  if (current || parts.length === 0) parts.push(current);
  return parts;
}

/** A single line longer than the limit is cut by characters. */
function cutLine(line: string, maxBytes: number): string[] {
  if (bytes(line) <= maxBytes) return [line];
  const out: string[] = [];
  let current = '';
  for (const ch of line) {
    if (bytes(current + ch) > maxBytes) {
      out.push(current);
      current = '';
    }
    current += ch;
  }
  return [...out, current];
}
