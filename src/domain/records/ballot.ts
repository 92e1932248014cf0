// Rules E1–E3: a report-back evaluation. Voters rate the deputy 满意 / 基本满意 / 不满意,
// anonymously, one vote each, changeable until the organiser closes it; the result is announced
// at once; fewer voters than the quorum (30, some townships 50) is flagged. Voters who are not
// on the platform vote on paper and the organiser enters the paper count. Pure.
export const CHOICES = ['满意', '基本满意', '不满意'] as const;
export type Choice = (typeof CHOICES)[number];

/** setup (voters named) -> open (cards out) -> closing (counting) -> closed (tally kept, votes gone). */
export type BallotStatus = 'setup' | 'open' | 'closing' | 'closed';

export interface Counts {
  满意: number;
  基本满意: number;
  不满意: number;
}

export interface Tally {
  card: Counts;
  paper: Counts | null;
  total: Counts;
  voters: number;
  quorum: number;
  /** Rule E1: fewer took part than the quorum. */
  belowQuorum: boolean;
}

export const emptyCounts = (): Counts => ({ 满意: 0, 基本满意: 0, 不满意: 0 });
export const countOf = (c: Counts) => c.满意 + c.基本满意 + c.不满意;

export function isChoice(text: string): text is Choice {
  return (CHOICES as readonly string[]).includes(text);
}

/** Counts the opened card choices (anything that is not a choice is left out) and adds the paper count. */
export function tally(cardChoices: readonly string[], paper: Counts | null, quorum: number): Tally {
  const card = emptyCounts();
  for (const c of cardChoices) if (isChoice(c)) card[c] += 1;
  const total = { 满意: card.满意 + (paper?.满意 ?? 0), 基本满意: card.基本满意 + (paper?.基本满意 ?? 0), 不满意: card.不满意 + (paper?.不满意 ?? 0) };
  const voters = countOf(total);
  return { card, paper, total, voters, quorum, belowQuorum: voters < quorum };
}

export type PaperRefusal = 'not_whole' | 'too_many';

/** A paper count is three whole numbers whose sum is at most the voters who vote on paper. */
export function checkPaper(counts: Counts, paperVoters: number): PaperRefusal | undefined {
  if (Object.values(counts).some((n) => !Number.isInteger(n) || n < 0)) return 'not_whole';
  if (countOf(counts) > paperVoters) return 'too_many';
  return undefined;
}
