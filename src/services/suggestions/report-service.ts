// The year's figures an office is inspected on (rules S1–S3, S6): suggestions by status, how
// many are overdue, the share with a 面商 (S2, target 100 %), the deputies' ratings of the
// latest answers (S3), and who is short of the annual target (S6).
import { RATINGS, STATUS_LABEL, SUGGESTION_STATUSES } from '../../domain/suggestions/lifecycle.ts';
import { loadPolicy } from '../../repositories/org-repo.ts';
import { latestRatings, listSuggestions, talkShare } from '../../repositories/suggestion-query-repo.ts';
import { todayOf } from './deadline-service.ts';
import type { SuggestionDeps } from './deps.ts';
import { isOverdue } from './listing-service.ts';
import { yearTargets } from './targets-service.ts';

const percent = (part: number, whole: number) => (whole ? `${Math.round((part * 100) / whole)}%` : '—');

export async function yearReport(deps: SuggestionDeps, orgId: number, year: number): Promise<string[]> {
  const today = todayOf(deps.now);
  const rows = (await listSuggestions(deps.db, orgId, {})).filter((v) => v.year === year);
  const byStatus = SUGGESTION_STATUSES.map((s) => `${STATUS_LABEL[s]} ${rows.filter((v) => v.status === s).length}`).join('，');
  const share = await talkShare(deps.db, orgId, year);
  const ratings = await latestRatings(deps.db, orgId, year);
  const rated = RATINGS.map((r) => `${r} ${ratings.filter((x) => x === r).length}`).join('，');
  const targets = await yearTargets(deps.db, orgId, year, await loadPolicy(deps.db, orgId));
  const shortDeputies = targets.deputies.filter((d) => !d.standing.met).map((d) => d.name);
  const shortGroups = targets.groups.filter((g) => !g.standing.met).map((g) => g.name);
  return [
    `${year} 年建议、批评和意见 ${rows.length} 件：${byStatus}`,
    `逾期未交办或未答复 ${rows.filter((v) => isOverdue(v, today)).length} 件`,
    `面商 ${share.withTalk}/${share.assigned} 件（面商率 ${percent(share.withTalk, share.assigned)}）`,
    `代表评价（最近一次答复）：${rated}（满意和基本满意 ${percent(ratings.filter((r) => r !== '不满意').length, ratings.length)}）`,
    `未达年度目标的代表 ${shortDeputies.length} 人${shortDeputies.length ? `：${shortDeputies.join('、')}` : ''}`,
    `未达年度目标的代表小组 ${shortGroups.length} 个${shortGroups.length ? `：${shortGroups.join('、')}` : ''}`,
  ];
}
