// 今日: what needs attention now — the coming fortnight's activities with their notices, leave
// awaiting a decision, reception issues and suggestions near or past their deadline, and
// messages that could not be delivered (the last three for office staff).
import { formatDateTime } from '../../domain/shanghai-time.ts';
import { activitiesFor, leaveForDecider } from '../../services/console/console-service.ts';
import { listForStaff } from '../../services/outbox-admin.ts';
import { todayIn } from '../../services/reception/reception-plan-service.ts';
import { visitsForOffice } from '../../services/reception/visit-service.ts';
import { dueOf, listForOffice } from '../../services/suggestions/listing-service.ts';
import { html, type Html } from '../html.ts';
import { consoleText as t } from '../messages.ts';
import { get, type ConsoleCtx } from '../routes.ts';
import { noticeSummary } from './activities-view.ts';

const UPCOMING_DAYS = 14;
/** A deadline this many days away or fewer counts as near. */
const NEAR_DAYS = 3;

export const todayPages = [
  get('/console', 'lead', async (_ctx, c) => {
    const sections = [await activitiesSection(c), await leaveSection(c)];
    if (c.office) sections.push(await visitsSection(c), await suggestionsSection(c), await outboxSection(c));
    c.render(t.nav.today, html`${sections}`);
  }),
];

async function activitiesSection(c: ConsoleCtx): Promise<Html> {
  const list = (await activitiesFor(c.deps.db, c.person, c.now, UPCOMING_DAYS)).filter((a) => a.status === 'scheduled');
  const rows = list.map((a) => html`<tr><td data-label="时间">${formatDateTime(a.startAt)}</td><td data-label="活动"><a href="/console/activities/${a.id}">${a.title}</a></td>
<td data-label="单位">${a.unit.name}</td><td data-label="通知">${noticeSummary(a.notices)}</td></tr>`);
  return html`<h2>近期活动（${UPCOMING_DAYS} 天内）</h2>${rows.length ? html`<table><thead><tr><th>时间</th><th>活动</th><th>单位</th><th>通知</th></tr></thead><tbody>${rows}</tbody></table>` : html`<p class="muted">没有安排。</p>`}`;
}

async function leaveSection(c: ConsoleCtx): Promise<Html> {
  const pending = await leaveForDecider(c.deps.db, c.person, ['pending']);
  const rows = pending.map((l) => html`<li>${l.personName}：${l.activity.title}（${formatDateTime(l.activity.startAt)}）</li>`);
  return html`<h2>待审批的请假（${pending.length}）</h2>${rows.length ? html`<ul>${rows}</ul><p><a href="/console/leave">去审批</a></p>` : html`<p class="muted">没有待审批的请假。</p>`}`;
}

async function visitsSection(c: ConsoleCtx): Promise<Html> {
  const today = todayIn(c.now);
  const open = (await visitsForOffice(c.deps.db, c.orgId, c.person, ['recorded', 'assigned'])) ?? [];
  const near = open.filter((v) => v.deadline && daysBetween(today, v.deadline) <= NEAR_DAYS);
  const rows = near.map((v) => html`<li>${v.station} ${v.date}：${v.category}，期限 ${v.deadline}${v.deadline < today ? html` <span class="error">已逾期</span>` : ''}</li>`);
  return html`<h2>接待问题临近或超过期限（${near.length}）</h2>${rows.length ? html`<ul>${rows}</ul><p><a href="/console/reception">去处理</a></p>` : html`<p class="muted">没有。</p>`}`;
}

async function suggestionsSection(c: ConsoleCtx): Promise<Html> {
  const today = todayIn(c.now);
  const list = (await listForOffice(c.deps.db, c.orgId, {}, today)).filter((v) => {
    const due = dueOf(v, today);
    return due && due.past > -NEAR_DAYS;
  });
  const rows = list.map((v) => {
    const due = dueOf(v, today)!;
    return html`<li>${v.number} ${v.title}：${due.kind} ${due.deadline}${due.past > 0 ? html` <span class="error">逾期 ${due.past} 天</span>` : ''}</li>`;
  });
  return html`<h2>建议临近或超过期限（${list.length}）</h2>${rows.length ? html`<ul>${rows}</ul><p><a href="/console/suggestions">去处理</a></p>` : html`<p class="muted">没有。</p>`}`;
}

async function outboxSection(c: ConsoleCtx): Promise<Html> {
  const rows = await listForStaff(c.deps.db, c.orgId);
  return html`<h2>未能送达的消息（${rows.length}）</h2>${rows.length ? html`<p><a href="/console/outbox">查看并处理</a></p>` : html`<p class="muted">没有。</p>`}`;
}

function daysBetween(from: string, to: string): number {
  return Math.round((Date.parse(`${to}T00:00:00Z`) - Date.parse(`${from}T00:00:00Z`)) / 86_400_000);
}
