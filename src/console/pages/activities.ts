// 活动: the list; publishing with a preview of the notice plan (rule A4: which cards go out
// when); one activity's page (invitees' states, answers, leave, sign-ins, the written account);
// edit and cancel; 代签 for someone without a phone. All through the chat's own services.
import type Koa from 'koa';
import { ACTIVITY_KINDS } from '../../domain/activity-kinds.ts';
import { describeLateRule } from '../../domain/notice-plan.ts';
import { formatDateTime } from '../../domain/shanghai-time.ts';
import { keptUnit, keptUnits } from '../../services/access/access-service.ts';
import { cancelActivity, createActivity, updateActivity } from '../../services/activity-service.ts';
import { proxySignIn } from '../../services/attendance/proxy-sign-in.ts';
import { activitiesFor, activityPage, previewNoticePlan } from '../../services/console/console-service.ts';
import { html } from '../html.ts';
import { csrfField } from '../layout.ts';
import { ATTENDANCE_LABEL, consoleText as t, LEAVE_STATUS_LABEL } from '../messages.ts';
import { get, idOf, post, type ConsoleCtx } from '../routes.ts';
import { activityCalendarPages } from './activity-calendar.ts';
import { activityForm, instantOf, noticeSummary, planTable, previewTable, valuesOf, type ActivityFormValues } from './activities-view.ts';

const LIST_DAYS_BACK = 30;
const STATUS = { scheduled: '已发布', cancelled: '已取消' } as Record<string, string>;

export const activityPages = [
  get('/console/activities', 'lead', async (_ctx, c) => {
    const list = await activitiesFor(c.deps.db, c.person, new Date(c.now.getTime() - LIST_DAYS_BACK * 86_400_000));
    const rows = list.map((a) => html`<tr><td data-label="时间">${formatDateTime(a.startAt)}</td><td data-label="活动"><a href="/console/activities/${a.id}">${a.title}</a></td>
<td data-label="单位">${a.unit.name}</td><td data-label="状态">${STATUS[a.status] ?? a.status}</td><td data-label="通知">${noticeSummary(a.notices)}</td></tr>`);
    c.render(t.nav.activities, html`<p class="actions"><a class="button" href="/console/activities/new">发布活动</a><a class="button secondary" href="/console/activities/calendar">${t.calendarView.asCalendar}</a></p>
${rows.length ? html`<table><thead><tr><th>时间</th><th>活动</th><th>单位</th><th>状态</th><th>通知</th></tr></thead><tbody>${rows}</tbody></table>` : html`<p class="muted">近 ${LIST_DAYS_BACK} 天没有活动。</p>`}`);
  }),
  // Before /console/activities/:id, which would otherwise take 'calendar' for an id.
  ...activityCalendarPages,
  get('/console/activities/new', 'lead', async (_ctx, c) => newForm(c, {}, [])),
  post('/console/activities', 'lead', async (_ctx, c) => publish(c)),
  get('/console/activities/:id', 'lead', async (ctx, c) => detail(ctx, c)),
  get('/console/activities/:id/edit', 'lead', async (ctx, c) => {
    const found = await activityPage(c.deps.db, c.person, idOf(ctx.params.id) ?? 0);
    if (!found) {
      ctx.status = 404;
      return c.render(t.nav.activities, html`<p class="error">${t.notFound}</p>`);
    }
    const a = found.activity;
    c.render(`修改：${a.title}`, activityForm(`/console/activities/${a.id}/edit`, c.csrf, valuesOf(a), undefined, html`<button>保存并通知已收到通知的人</button>`), '/console/activities');
  }),
  post('/console/activities/:id/edit', 'lead', async (ctx, c) => {
    const id = idOf(ctx.params.id) ?? 0;
    if (!(await activityPage(c.deps.db, c.person, id))) return c.done('/console/activities', t.notFound);
    const startAt = instantOf(c.form.date, c.form.start);
    const endAt = instantOf(c.form.date, c.form.end);
    if (!startAt || !endAt) return c.done(`/console/activities/${id}/edit`, '请填写日期、开始和结束时间。');
    const result = await updateActivity(c.deps.db, {
      orgId: c.orgId, id, now: c.now, onDueNow: c.deps.onDueNow,
      changes: { title: c.form.title ?? '', startAt, endAt, place: c.form.place ?? '', content: c.form.content ?? '' },
    });
    if (!result.ok) return c.done(`/console/activities/${id}/edit`, result.issues.map((i) => i.message).join('；'));
    c.done(`/console/activities/${id}`, result.unchanged ? '没有改动。' : `已保存，已通知 ${result.told} 人。${result.lateNotice ?? ''}`);
  }),
  post('/console/activities/:id/cancel', 'lead', async (ctx, c) => {
    const id = idOf(ctx.params.id) ?? 0;
    if (!(await activityPage(c.deps.db, c.person, id))) return c.done('/console/activities', t.notFound);
    const result = await cancelActivity(c.deps.db, { orgId: c.orgId, id, now: c.now });
    c.done(`/console/activities/${id}`, result.ok ? `已取消，已通知 ${result.told} 人。` : result.message);
  }),
  post('/console/activities/:id/proxy-sign-in', 'lead', async (ctx, c) => {
    const id = idOf(ctx.params.id) ?? 0;
    const personId = idOf(c.form.personId);
    if (!personId || !(await activityPage(c.deps.db, c.person, id))) return c.done(`/console/activities/${id}`, t.notFound);
    const result = await proxySignIn(c.deps, { orgId: c.orgId, channel: c.channel, actor: c.person, activityId: id, personId });
    c.done(`/console/activities/${id}`, result.ok ? `已为${result.name}代签到（${formatDateTime(result.at)}），已通知本人。` : result.message);
  }),
];

async function newForm(c: ConsoleCtx, v: ActivityFormValues, notes: ReturnType<typeof html>[]) {
  const units = await keptUnits(c.deps.db, c.orgId, c.person);
  const buttons = html`<button class="secondary" name="step" value="preview">预览通知安排</button><button name="step" value="publish">发布</button>`;
  c.render('发布活动', html`${notes}${activityForm('/console/activities', c.csrf, v, units, buttons)}`, '/console/activities');
}

async function publish(c: ConsoleCtx) {
  const f = c.form;
  const v: ActivityFormValues = { unitId: f.unitId, kind: f.kind, title: f.title, date: f.date, start: f.start, end: f.end, place: f.place, content: f.content };
  const unit = await keptUnit(c.deps.db, c.orgId, c.person, idOf(f.unitId) ?? 0);
  const startAt = instantOf(f.date, f.start);
  const endAt = instantOf(f.date, f.end);
  if (!unit) return newForm(c, v, [html`<p class="error">请选择您负责的单位。</p>`]);
  if (!startAt || !endAt || !(f.kind && f.kind in ACTIVITY_KINDS)) return newForm(c, v, [html`<p class="error">请填写类别、日期、开始和结束时间。</p>`]);
  if (f.step !== 'publish') {
    const plan = await previewNoticePlan(c.deps.db, c.orgId, unit.id, startAt, endAt, c.now);
    const note = plan?.lateRule ? describeLateRule(plan.lateRule) : undefined;
    return newForm(c, v, plan ? [html`<h2>通知安排预览</h2>${previewTable(plan, note)}<p class="muted">确认无误后点“发布”。</p>`] : []);
  }
  const result = await createActivity(c.deps.db, {
    orgId: c.orgId, unit: { id: unit.id }, kind: f.kind, title: f.title ?? '', startAt, endAt, place: f.place ?? '', content: f.content,
    createdById: c.person.id, now: c.now, onDueNow: c.deps.onDueNow,
  });
  if (!result.ok) return newForm(c, v, [html`<p class="error">${result.issues.map((i) => i.message).join('；')}</p>`]);
  c.done(`/console/activities/${result.activity.id}`, `已发布“${result.activity.title}”。${result.lateNotice ?? ''}`);
}

async function detail(ctx: Koa.Context, c: ConsoleCtx) {
  const found = await activityPage(c.deps.db, c.person, idOf(ctx.params.id) ?? 0);
  if (!found) {
    ctx.status = 404;
    return c.render(t.nav.activities, html`<p class="error">${t.notFound}</p>`);
  }
  const { activity: a, sheet, rsvps, leaves, account, plan } = found;
  const answer = new Map(rsvps.map((r) => [r.personId, r.answer === 'attend' ? '参加' : '请假']));
  const people = sheet.map((s) => html`<tr><td data-label="姓名">${s.person.name}</td><td data-label="回复">${answer.get(s.person.id) ?? '—'}</td>
<td data-label="状态">${ATTENDANCE_LABEL[s.state] ?? s.state}</td><td data-label="签到">${s.signedInAt ? formatDateTime(s.signedInAt) : ''}</td></tr>`);
  const canProxy = sheet.filter((s) => s.state !== 'present' && s.state !== 'on_leave');
  const leaveRows = leaves.map((l) => html`<li>${l.name}：${l.reason}（${LEAVE_STATUS_LABEL[l.status] ?? l.status}${l.decidedByName ? `，${l.decidedByName}` : ''}）${l.status === 'pending' ? html` <a href="/console/leave">去审批</a>` : ''}</li>`);
  const open = a.status === 'scheduled' && a.startAt.getTime() > c.now.getTime();
  c.render(a.title, html`<p>${a.unit.name} · ${ACTIVITY_KINDS[a.kind as keyof typeof ACTIVITY_KINDS] ?? a.kind} · ${STATUS[a.status] ?? a.status}<br>
时间：${formatDateTime(a.startAt)}–${formatDateTime(a.endAt)}<br>地点：${a.place}${a.content ? html`<br>内容：${a.content}` : ''}</p>
${open ? html`<div class="actions"><a class="button secondary" href="/console/activities/${a.id}/edit">修改</a>
<form method="post" action="/console/activities/${a.id}/cancel" class="inline">${csrfField(c.csrf)}<button class="danger">取消活动</button></form></div>` : ''}
<h2>通知安排</h2>${planTable(plan)}
<h2>邀请的人（${sheet.length}）</h2><table><thead><tr><th>姓名</th><th>回复</th><th>状态</th><th>签到</th></tr></thead><tbody>${people}</tbody></table>
<h2>代签</h2><p class="muted">为没有手机或不方便签到的人登记到场（签到开放期间）。</p>
<form method="post" action="/console/activities/${a.id}/proxy-sign-in">${csrfField(c.csrf)}<label for="personId">到场的人</label>
<select id="personId" name="personId">${canProxy.map((s) => html`<option value="${s.person.id}">${s.person.name}</option>`)}</select><div class="actions"><button>代签到</button></div></form>
<h2>请假</h2>${leaveRows.length ? html`<ul>${leaveRows}</ul>` : html`<p class="muted">没有请假。</p>`}
<h2>活动纪要</h2>${account ? html`<p style="white-space:pre-wrap">${account.text}</p><p class="muted">${account.byName} ${account.at ? formatDateTime(account.at) : ''}</p>` : html`<p class="muted">还没有填写。</p>`}`, '/console/activities');
}
