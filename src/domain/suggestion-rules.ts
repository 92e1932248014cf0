// Suggestions, criticisms and opinions (rules S4, S6): kinds and registration numbers.
export const SUGGESTION_KINDS = ['建议', '批评', '意见'] as const;
export type SuggestionKind = (typeof SUGGESTION_KINDS)[number];

/** The one-character code in a registration number: 2026-建-0007 (year, kind code, 4-digit sequence). */
export const KIND_CODE: Record<SuggestionKind, string> = { 建议: '建', 批评: '批', 意见: '意' };

export function parseSuggestionKind(text: string): SuggestionKind | undefined {
  const t = text.trim();
  return SUGGESTION_KINDS.find((k) => t === k || t === k[0] || t === `提${k}`);
}

// Statuses and their labels: src/domain/suggestions/lifecycle.ts.
