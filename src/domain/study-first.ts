// Rule A7: before an inspection or research trip the group studies the relevant laws and
// policies, and each study session is recorded. Pure.
export const STUDY_FIRST_KINDS: ReadonlySet<string> = new Set(['inspection', 'research']);

export function needsStudyCheck(kind: string): boolean {
  return STUDY_FIRST_KINDS.has(kind);
}

export const STUDY_NOTE_MAX = 200;
