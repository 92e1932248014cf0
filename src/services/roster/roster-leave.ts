// People leaving the roster and coming back (rule U1; the seeds: "代表资格的自行终止、代表关系转移"
// must be recorded). Office staff deactivate someone the roster no longer lists: the person
// keeps their records but loses their units and platform accounts, so the bot and the console
// treat them as not on the roster; the history row keeps what they held and why. A later
// import that lists them again brings them back (rejoined) with the file's units and accounts.
import { addEvents, activePerson, clearLeft, dropUnitsAndAccounts, markLeft } from '../../repositories/roster-history-repo.ts';
import type { Db } from '../../repositories/prisma.ts';

export const LEAVE_REASON_MAX = 100;

export type DeactivateResult = { ok: true; names: string[] } | { ok: false; message: string };

export async function deactivatePeople(
  db: Db, d: { orgId: number; personIds: number[]; reason: string; actorId: number | null; now: Date },
): Promise<DeactivateResult> {
  const reason = d.reason.trim();
  if (!reason) return { ok: false, message: '请写明停用原因，例如“代表资格终止”或“代表关系转出”。' };
  if ([...reason].length > LEAVE_REASON_MAX) return { ok: false, message: `停用原因最多 ${LEAVE_REASON_MAX} 个字。` };
  if (d.actorId !== null && d.personIds.includes(d.actorId)) return { ok: false, message: '不能停用自己。' };
  const names: string[] = [];
  for (const id of [...new Set(d.personIds)]) {
    const person = await activePerson(db, d.orgId, id);
    if (!person) continue;
    const detail = {
      units: person.memberships.map((m) => ({ kind: m.unit.kind, name: m.unit.name, role: m.role })),
      accounts: person.accounts,
    };
    // The conditional update decides who records it; a second click finds it done.
    if (await markLeft(db, id, d.now)) {
      await addEvents(db, [{ orgId: d.orgId, personId: id, action: 'left', note: reason, detail, actorId: d.actorId, at: d.now }]);
      names.push(person.name);
    }
    await dropUnitsAndAccounts(db, id);
  }
  return { ok: true, names };
}

/** People a roster import listed again after they had left. */
export async function recordRejoined(db: Db, orgId: number, personIds: number[], actorId: number | null, now: Date): Promise<void> {
  await clearLeft(db, personIds);
  await addEvents(db, personIds.map((personId) => ({ orgId, personId, action: 'rejoined', note: '名册重新导入', actorId, at: now })));
}
