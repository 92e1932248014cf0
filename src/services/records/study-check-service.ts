// Rule A7: the publisher's answer to "were the relevant laws studied first?" is kept with the
// inspection or research activity, for its record and the registers.
import { needsStudyCheck, STUDY_NOTE_MAX } from '../../domain/study-first.ts';
import type { Db } from '../../repositories/prisma.ts';
import { saveStudyCheck } from '../../repositories/study-repo.ts';

export async function recordStudyCheck(db: Db, activity: { id: number; kind: string }, held: boolean, note: string | undefined): Promise<boolean> {
  if (!needsStudyCheck(activity.kind)) return false;
  const text = note?.trim().slice(0, STUDY_NOTE_MAX) || null;
  await saveStudyCheck(db, activity.id, held, text);
  return true;
}
