// Row sources the records issue (#11: 民情日记, 履职记录) feeds. Its tables are not on main yet,
// so each returns nothing and the sections they fill print "本期没有…记录" — a true statement
// until entries exist. The merge of #11 replaces the two bodies below with paged queries of
// its tables (organisation, the deputies of scope.unit or of the organisation, date within
// scope.period); the books need no other change.
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
export async function* diaryEntries(_deps: BookDeps, _scope: BookScope, _personIds?: number[]): AsyncIterable<DiaryLine> {
  // Nothing is stored before #11 lands.
}

/** One entry of a deputy's own performance record (rule P1: 实事, 走访, 述职, other work). */
export interface RecordLine {
  date: string;
  /** 为群众办实事 | 走访联系群众 | 述职 | 其他工作 */
  category: string;
  matter: string;
  detail: string;
}

/** Rule P1: what a deputy recorded by chat (`履职记录`) in the period. Fed by #11. */
export async function* performanceRecords(_deps: BookDeps, _scope: BookScope, _personId: number): AsyncIterable<RecordLine> {
  // Nothing is stored before #11 lands.
}
