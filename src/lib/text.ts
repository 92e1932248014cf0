// Loose chat input -> a canonical form: full-width letters, digits and punctuation become
// half-width (NFKC), spaces collapse, and trailing sentence punctuation is dropped.
export function normalizeInput(text: string): string {
  return text
    .normalize('NFKC')
    .replace(/[\u3000\s]+/g, ' ')
    .trim()
    .replace(/[。.!！?？~～]+$/u, '')
    .trim();
}
