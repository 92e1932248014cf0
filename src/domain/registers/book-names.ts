// The registers (台帐) an office is inspected on, by the names the command line and the chat
// accept (a contract: tools outside the repo call `npm run export -- --book NAME`). The seeds
// name them: the township 代表之家 report's "五簿一冊" (代表小組會議登記簿、代表小組活動登記簿、
// 人大代表接待選民登記簿、人大代表建議批評意見登記簿、走訪群眾登記簿, and 人大代表履職手冊), the
// 代表之家 plan's 代表活動考勤簿 and 代表意見轉辦簿, and the county group rule's quarterly
// 本组代表集中开展活动情况登记表 (rule A5). domain.md, "Ledgers".

export const BOOK_NAMES = ['会议登记簿', '活动登记簿', '考勤簿', '接待登记簿', '建议登记簿', '走访登记簿', '转办簿', '履职手册', '活动登记表'] as const;
export type BookName = (typeof BOOK_NAMES)[number];

/** Longer names people type in chat, each to its book. */
const ALIASES: Record<string, BookName> = {
  小组会议登记簿: '会议登记簿',
  代表小组会议登记簿: '会议登记簿',
  小组活动登记簿: '活动登记簿',
  代表小组活动登记簿: '活动登记簿',
  代表活动登记簿: '活动登记簿',
  代表活动考勤簿: '考勤簿',
  考勤: '考勤簿',
  接待选民登记簿: '接待登记簿',
  接待选民登记表: '接待登记簿',
  接待登记: '接待登记簿',
  建议批评意见登记簿: '建议登记簿',
  建议登记: '建议登记簿',
  走访选民登记簿: '走访登记簿',
  走访群众登记簿: '走访登记簿',
  意见转办簿: '转办簿',
  代表意见转办簿: '转办簿',
  代表履职手册: '履职手册',
  集体活动登记表: '活动登记表',
  代表小组集体活动登记表: '活动登记表',
};

/** The book a name stands for (exact or an alias); undefined for anything else. */
export function parseBookName(text: string): BookName | undefined {
  const t = text.trim().replace(/[《》「」“”]/g, '');
  if ((BOOK_NAMES as readonly string[]).includes(t)) return t as BookName;
  return ALIASES[t];
}
