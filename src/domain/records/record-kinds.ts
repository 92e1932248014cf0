// Rule P1: what a deputy adds to their performance record by chat (履职记录), beside what the bot
// already knows: a practical thing done for constituents (实事), a visit (走访), a report-back
// (述职), help for a household in difficulty (帮扶, one of the "six ones", P4), other work.
export const RECORD_KINDS = {
  practical: '办实事',
  visit: '走访选民',
  report_back: '述职',
  help: '帮扶困难户',
  other: '其他履职',
} as const;

export type RecordKind = keyof typeof RECORD_KINDS;
export const RECORD_KIND_CODES = Object.keys(RECORD_KINDS) as RecordKind[];

const ALIASES: Record<string, RecordKind> = {
  实事: 'practical',
  办实事: 'practical',
  好事: 'practical',
  走访: 'visit',
  走访选民: 'visit',
  联系选民: 'visit',
  述职: 'report_back',
  帮扶: 'help',
  帮扶困难户: 'help',
  困难户: 'help',
  其他: 'other',
  其他履职: 'other',
};

export function parseRecordKind(text: string): RecordKind | undefined {
  const t = text.trim();
  return (RECORD_KIND_CODES as string[]).includes(t) ? (t as RecordKind) : ALIASES[t];
}
