// Rule R4: an issue recorded at a reception is assigned within the organisation's number of
// working days (七个工作日 by default) of the reception, counted on its working calendar
// (mainland holidays with 调休, plus the office's corrections).
import type { Checked, IsoDate } from '../../domain/calendar/working-days.ts';
import { loadPolicy } from '../../repositories/org-repo.ts';
import type { Db } from '../../repositories/prisma.ts';
import { loadCalendar } from '../calendar-service.ts';

export async function assignmentDeadline(db: Db, orgId: number, receptionDay: IsoDate): Promise<Checked<IsoDate>> {
  const [calendar, policy] = await Promise.all([loadCalendar(db, orgId), loadPolicy(db, orgId)]);
  return calendar.addWorkingDays(receptionDay, policy.receptionAssignWorkingDays);
}
