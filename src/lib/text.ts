// Loose chat input -> a canonical form: full-width letters, digits and punctuation become
// half-width (NFKC), spaces collapse, and trailing sentence punctuation is dropped (unless
// the punctuation is all there is, like a lone "?").
export function normalizeInput(text: string): string {
  const collapsed = text.normalize('NFKC').replace(/[\u3000\s]+/g, ' ').trim();
  const stripped = collapsed.replace(/[。.!！?？~～]+$/u, '').trim();
  return stripped || collapsed;
}
