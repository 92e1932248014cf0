// Rules P1, P3: what a deputy adds to their record by chat — an entry (实事, 走访, 述职, 帮扶,
// other; photos allowed) or a people's-condition diary entry, which needs the visited
// constituent's confirmation (a photo of the signed page, or their name and phone). Checked
// here, whoever calls (chat now, the console later); a repeat of the same request saves once.
import { checkConfirmation, diaryStanding, type DiaryConfirmation, type DiaryStanding } from '../../domain/records/diary.ts';
import { isoBounds, monthPeriod, yearPeriod } from '../../domain/records/periods.ts';
import { RECORD_KINDS, type RecordKind } from '../../domain/records/record-kinds.ts';
import { shanghaiIsoDate } from '../../domain/shanghai-time.ts';
import { parseIsoDate } from '../../domain/calendar/working-days.ts';
import { loadPolicy } from '../../repositories/org-repo.ts';
import type { Db } from '../../repositories/prisma.ts';
import { diaryCounts } from '../../repositories/record-repo.ts';
import { saveDiaryEntry, saveEntry } from '../../repositories/record-entry-repo.ts';
import { diaryText, entryText } from './messages.ts';

export const TEXT_LIMITS = { min: 2, max: 500 } as const;

export type Saved = { ok: true; id: number; message: string } | { ok: false; problem: 'future' | 'text' | 'confirmation' };

export interface EntryInput {
  orgId: number;
  personId: number;
  kind: RecordKind;
  heldOn: string;
  text: string;
  photos: string[];
  sourceKey: string;
}

const fits = (text: string) => [...text.trim()].length >= TEXT_LIMITS.min && [...text.trim()].length <= TEXT_LIMITS.max;

export async function addRecordEntry(db: Db, e: EntryInput, now: Date): Promise<Saved> {
  if (e.heldOn > shanghaiIsoDate(now)) return { ok: false, problem: 'future' };
  if (!fits(e.text)) return { ok: false, problem: 'text' };
  const row = await saveEntry(db, { ...e, text: e.text.trim(), attachments: e.photos, now });
  const day = parseIsoDate(e.heldOn);
  return { ok: true, id: row.id, message: entryText.saved(RECORD_KINDS[e.kind], `${day.month}月${day.day}日`, e.photos.length) };
}

export interface DiaryInput {
  orgId: number;
  personId: number;
  visitedOn: string;
  visited: string;
  raised: string;
  done: string;
  confirmation: DiaryConfirmation;
  sourceKey: string;
}

/** Rule P3: saves a confirmed diary entry and says where the month and the year stand. */
export async function addDiaryEntry(db: Db, d: DiaryInput, now: Date): Promise<Saved & { standing?: DiaryStanding }> {
  if (d.visitedOn > shanghaiIsoDate(now)) return { ok: false, problem: 'future' };
  if (![d.visited, d.raised, d.done].every(fits)) return { ok: false, problem: 'text' };
  if (checkConfirmation(d.confirmation) !== 'ok') return { ok: false, problem: 'confirmation' };
  const c = d.confirmation;
  const row = await saveDiaryEntry(db, {
    orgId: d.orgId, personId: d.personId, visitedOn: d.visitedOn, visited: d.visited.trim(), raised: d.raised.trim(), done: d.done.trim(),
    confirmation: c.kind, photoRef: c.kind === 'photo' ? c.photoRef : undefined,
    constituentName: c.kind === 'contact' ? c.name.trim() : undefined, constituentPhone: c.kind === 'contact' ? c.phone : undefined,
    sourceKey: d.sourceKey, now,
  });
  const { year, month } = parseIsoDate(d.visitedOn);
  const standing = await diaryStandingOf(db, d.orgId, d.personId, year, month);
  return { ok: true, id: row.id, message: diaryText.saved(month, year, standing), standing };
}

export async function diaryStandingOf(db: Db, orgId: number, personId: number, year: number, month: number): Promise<DiaryStanding> {
  const m = isoBounds(monthPeriod(year, month));
  const y = isoBounds(yearPeriod(year));
  const [monthCount, yearCount, policy] = await Promise.all([
    diaryCounts(db, orgId, [personId], m.from, m.to),
    diaryCounts(db, orgId, [personId], y.from, y.to),
    loadPolicy(db, orgId),
  ]);
  return diaryStanding(monthCount.get(personId) ?? 0, yearCount.get(personId) ?? 0, policy);
}
