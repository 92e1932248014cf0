// Loose chat input -> a canonical form: full-width letters, digits and punctuation become
// half-width (NFKC), spaces collapse, and trailing sentence punctuation is dropped (unless
// the punctuation is all there is, like a lone "?").
export function normalizeInput(text: string): string {
  const collapsed = text.normalize('NFKC').replace(/[\u3000\s]+/g, ' ').trim();
  const stripped = collapsed.replace(/[。.!！?？~～]+$/u, '').trim();
  return stripped || collapsed;
}

const MEANINGFUL = /[\p{Script=Han}\p{Nd}]/u;

/**
 * Whether a free text says something a person can read: at least `min` Chinese characters or
 * digits. A reason of only emoji (🙏🙏🙏🙏), letters typed at random (asdfghjkl) or punctuation
 * says nothing, however long it is; every step that needs a real reason asks again.
 */
export function hasMeaningfulText(text: string, min = 2): boolean {
  let found = 0;
  for (const ch of text) if (MEANINGFUL.test(ch) && ++found >= min) return true;
  return false;
}
