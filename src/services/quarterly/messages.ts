// What the quarterly reminders say (rules A2, A3, A5). Every number comes from the shortfall
// (the policy's minimums); the supervising body's name from the policy.
import type { Shortfall } from '../../domain/quarterly-duties.ts';

function shortfallText(s: Shortfall): string {
  switch (s.code) {
    case 'group_quarter':
      return `本季度集体活动 ${s.have} 次（每季度至少 ${s.need} 次）`;
    case 'group_inspections_year':
      return `本年度视察、调研 ${s.have} 次（每年至少 ${s.need} 次）`;
    case 'group_study_year':
      return `本年度集中学习 ${s.have} 次（每年至少 ${s.need} 次）`;
    case 'large_group_half_year':
      return `本半年代表大组活动 ${s.have} 次（每半年至少 ${s.need} 次）`;
    case 'station_month':
      return `${s.month}月活动 ${s.have} 次（每月至少 ${s.need} 次）`;
    case 'station_year':
      return `本年度活动 ${s.have} 次（每年至少 ${s.need} 次）`;
    case 'home_quarter':
      return `本季度代表之家活动 ${s.have} 次（每季度至少 ${s.need} 次）`;
    case 'home_year':
      return `本年度代表之家活动 ${s.have} 次（每年至少 ${s.need} 次）`;
    case 'home_participation':
      return `本季度代表参与率 ${s.have}%（不低于 ${s.need}%）`;
  }
}

export const quarterlyMessages = {
  noActivityYet: (unit: string, quarter: string, need: number) =>
    `${unit}本季度（${quarter}）还没有开展集体活动，按规定每季度至少 ${need} 次，请尽快安排。`,
  minimumsTitle: (quarter: string) => `${quarter}活动次数未达到规定的代表小组和联络站：`,
  minimumsLine: (unit: string, shortfalls: Shortfall[]) => `· ${unit}：${shortfalls.map(shortfallText).join('；')}`,
  minimumsAllMet: (quarter: string) => `${quarter}各代表小组和联络站的活动次数均已达到规定。`,
};
