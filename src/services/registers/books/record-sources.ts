// Row sources from what deputies record by chat (民情日记, 履职记录): the visits register and
// the performance handbook read them through the records' repository, page by page.
import { isoDay } from '../../../domain/registers/period.ts';
import { shanghaiParts } from '../../../domain/shanghai-time.ts';
import { RECORD_KINDS, type RecordKind } from '../../../domain/records/record-kinds.ts';
import { diaryEntryPages, listEntries } from '../../../repositories/record-entry-repo.ts';
import type { BookDeps, BookScope } from '../book.ts';

/** One people's-condition diary entry (rule P3) as the visits register shows it. */
export interface DiaryLine {
  /** YYYY-MM-DD, Shanghai. */
  date: string;
  deputyName: string;
  /** Rule R6: the writer applies scope.privacy to these two. */
  constituentName: string;
  constituentPhone: string | null;
  raised: string;
  done: string;
  /** Confirmed by the visited constituent ("须经被走访选民本人签名方为有效"). */
  confirmed: boolean;
}

/** Rule P3: diary entries of the scope's deputies in the period. Fed by #11 (DiaryEntry). */
export async function* diaryEntries(deps: BookDeps, scope: BookScope, personIds?: number[]): AsyncIterable<DiaryLine> {
  const q = { orgId: scope.orgId, personIds, fromDay: scope.period.fromDay, toDay: scope.period.toDay };
  for await (const page of diaryEntryPages(deps.db, q)) {
    for (const e of page) {
      yield {
        date: e.visitedOn,
        deputyName: e.personName,
        constituentName: e.constituentName ?? e.visited,
        constituentPhone: e.constituentPhone,
        raised: e.raised,
        done: e.done,
        // Rule P3: a photo of the signed page or the constituent's own name and phone.
        confirmed: e.confirmation === 'photo' || e.confirmation === 'contact',
      };
    }
  }
}

/** One entry of a deputy's own performance record (rule P1: 实事, 走访, 述职, other work). */
export interface RecordLine {
  date: string;
  /** The entry's kind as the record names it (办实事, 走访选民, 述职, 帮扶困难户, 其他履职). */
  category: string;
  matter: string;
  detail: string;
}

/** Rule P1: what a deputy recorded by chat (`履职记录`) in the period. */
export async function* performanceRecords(deps: BookDeps, scope: BookScope, personId: number): AsyncIterable<RecordLine> {
  // listEntries takes [from, to): the period ends at the start of the day after toDay.
  const after = isoDay(shanghaiParts(scope.period.to).date);
  for (const e of await listEntries(deps.db, scope.orgId, personId, scope.period.fromDay, after)) {
    const photos = (JSON.parse(e.attachments) as unknown[]).length;
    yield { date: e.heldOn, category: RECORD_KINDS[e.kind as RecordKind] ?? e.kind, matter: e.text, detail: photos ? `附照片 ${photos} 张` : '' };
  }
}
