// Rule A7: whether the laws were studied before an inspection or research trip, on the activity.
import type { Db } from './prisma.ts';

export async function saveStudyCheck(db: Db, activityId: number, held: boolean, note: string | null): Promise<void> {
  await db.activity.update({ where: { id: activityId }, data: { studyHeld: held, studyNote: note } });
}
