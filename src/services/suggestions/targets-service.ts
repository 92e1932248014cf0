// Rule S6: each deputy's count of suggestions this year against the policy, and each group's
// reports or suggestions (its members' suggestions, and its research and inspection trips with
// a written account); shown in 我的建议 and the office's list, and a reminder in the last
// quarter to those with none, once a year (outbox keys), whatever restarts.
import { deputyStanding, groupStanding, inReminderSeason, type TargetStanding } from '../../domain/suggestions/annual-targets.ts';
import type { Policy } from '../../domain/policy.ts';
import { shanghaiInstant, shanghaiParts } from '../../domain/shanghai-time.ts';
import { loadPolicy } from '../../repositories/org-repo.ts';
import type { Db } from '../../repositories/prisma.ts';
import { countsByPerson } from '../../repositories/suggestion-query-repo.ts';
import { countGroupReports, groupLeaders, listDeputies, listGroupsWithMembers, listOrganisationIds } from '../../repositories/suggestion-target-repo.ts';
import type { SuggestionDeps } from './deps.ts';
import { tellPeople } from './notify.ts';

/** The group activities whose written account is a report of the group (rule S6). */
export const REPORT_KINDS = ['research', 'inspection', 'law_check'];

export const targetText = {
  deputyLine: (year: number, s: TargetStanding) =>
    `${year} 年您在系统中已提建议 ${s.count} 件${s.target > 0 ? `（年度目标 ${s.target} 件${s.met ? '，已完成' : ''}）` : ''}。`,
  // Only what the bot has recorded is counted: the reminder says so (some are raised on paper).
  deputyReminder: (year: number, target: number) =>
    `${year} 年已进入第四季度，系统中还没有您今年提出的建议、批评和意见（年度目标 ${target} 件）。发送“提建议”即可提交；已通过其他途径提出的，请忽略本提醒。`,
  groupReminder: (year: number, group: string, target: number) =>
    `${year} 年已进入第四季度，系统中还没有${group}今年的调研报告或代表建议（年度目标 ${target} 件），请组织代表提出；已通过其他途径提交的，请忽略本提醒。`,
  officeSummary: (deputies: number, groups: number) => `今年尚未达到年度目标的：代表 ${deputies} 人，代表小组 ${groups} 个。`,
};

export interface YearTargets {
  year: number;
  deputies: { id: number; name: string; standing: TargetStanding }[];
  groups: { id: number; name: string; standing: TargetStanding }[];
}

export async function yearTargets(db: Db, orgId: number, year: number, policy: Policy): Promise<YearTargets> {
  const counts = await countsByPerson(db, orgId, year);
  const from = shanghaiInstant({ year, month: 1, day: 1 }, 0, 0);
  const to = shanghaiInstant({ year: year + 1, month: 1, day: 1 }, 0, 0);
  const reports = await countGroupReports(db, orgId, REPORT_KINDS, from, to);
  const deputies = (await listDeputies(db, orgId)).map((d) => ({ ...d, standing: deputyStanding(counts.get(d.id) ?? 0, policy) }));
  const groups = (await listGroupsWithMembers(db, orgId)).map((g) => {
    const count = g.memberIds.reduce((n, id) => n + (counts.get(id) ?? 0), 0) + (reports.get(g.id) ?? 0);
    return { id: g.id, name: g.name, standing: groupStanding(count, policy) };
  });
  return { year, deputies, groups };
}

/** A deputy's own standing this year (rule S6). */
export async function deputyYear(db: Db, orgId: number, personId: number, year: number): Promise<TargetStanding> {
  const policy = await loadPolicy(db, orgId);
  return deputyStanding((await countsByPerson(db, orgId, year)).get(personId) ?? 0, policy);
}

const BATCH = 1000;

/**
 * For the tick: the last-quarter reminders. The deputies with none are told in messages of up
 * to 1,000 recipients, keyed per (organisation, year, part): once a year, at the first tick of
 * the season from 09:00. Each group short of its target has its own key, to its leaders.
 */
export async function sendAnnualTargetReminders(deps: SuggestionDeps): Promise<number> {
  const { date, minuteOfDay } = shanghaiParts(deps.now);
  if (minuteOfDay < 9 * 60) return 0;
  let added = 0;
  for (const orgId of await listOrganisationIds(deps.db)) {
    const policy = await loadPolicy(deps.db, orgId);
    if (!inReminderSeason(date, policy)) continue;
    const targets = await yearTargets(deps.db, orgId, date.year, policy);
    const none = targets.deputies.filter((x) => x.standing.count === 0 && x.standing.target > 0).map((d) => d.id);
    for (let i = 0; i < none.length; i += BATCH) {
      const key = `s6|${orgId}|${date.year}|deputies|${i / BATCH}`;
      added += await tellPeople(deps, orgId, none.slice(i, i + BATCH), key, targetText.deputyReminder(date.year, policy.suggestionsPerDeputyYear));
    }
    const short = targets.groups.filter((g) => g.standing.count === 0 && g.standing.target > 0);
    const leaders = await groupLeaders(deps.db, short.map((g) => g.id));
    for (const g of short) {
      added += await tellPeople(deps, orgId, leaders.get(g.id) ?? [], `s6|${orgId}|${date.year}|group:${g.id}`, targetText.groupReminder(date.year, g.name, g.standing.target));
    }
  }
  return added;
}
