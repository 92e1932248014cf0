// What the quarterly reminders say (rules A2, A3).
import type { Shortfall } from '../../domain/quarterly-duties.ts';

function shortfallText(s: Shortfall): string {
  switch (s.code) {
    case 'group_quarter':
      return `本季度集体活动 ${s.have} 次（每季度至少 ${s.need} 次，规则 A2）`;
    case 'group_inspections_year':
      return `本年度视察、调研 ${s.have} 次（每年至少 ${s.need} 次，规则 A2）`;
    case 'group_study_year':
      return `本年度集中学习 ${s.have} 次（每年至少 ${s.need} 次，规则 A2）`;
    case 'station_month':
      return `${s.month}月活动 ${s.have} 次（每月至少 ${s.need} 次，规则 A3）`;
    case 'station_year':
      return `本年度活动 ${s.have} 次（每年至少 ${s.need} 次，规则 A3）`;
  }
}

export const quarterlyMessages = {
  noActivityYet: (unit: string, quarter: string) =>
    `${unit}本季度（${quarter}）还没有开展集体活动，按规定每季度至少一次（规则 A2），请尽快安排。`,
  minimumsTitle: (quarter: string) => `${quarter}活动次数未达到规定的代表小组和联络站：`,
  minimumsLine: (unit: string, shortfalls: Shortfall[]) => `· ${unit}：${shortfalls.map(shortfallText).join('；')}`,
  minimumsAllMet: (quarter: string) => `${quarter}各代表小组和联络站的活动次数均已达到规定（规则 A2、A3）。`,
};
