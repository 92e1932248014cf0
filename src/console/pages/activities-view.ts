// Pieces of the activity pages: the notice plan as a table (which cards go out when), the
// notices' progress in one line, and the activity form.
import { ACTIVITY_KINDS } from '../../domain/activity-kinds.ts';
import type { NoticePlan } from '../../domain/notice-plan.ts';
import { formatDateTime, shanghaiIsoDate, formatTime } from '../../domain/shanghai-time.ts';
import type { UnitSummary } from '../../repositories/activity-repo.ts';
import { html, type Html } from '../html.ts';
import { csrfField } from '../layout.ts';
import { NOTICE_STATUS_LABEL, noticeKindLabel } from '../messages.ts';

export function noticeSummary(counts: Record<string, number>): string {
  const parts = ['sent', 'queued', 'planned', 'missed'].filter((s) => counts[s]).map((s) => `${NOTICE_STATUS_LABEL[s]} ${counts[s]}`);
  return parts.length ? parts.join('，') : '无通知';
}

/** A plan not yet written (the preview before publishing). */
export function previewTable(plan: NoticePlan, lateNote?: string): Html {
  const rows = plan.notices.map((n) => html`<tr><td data-label="时间">${formatDateTime(n.dueAt)}${n.late ? html` <span class="error">（已晚，立即发出）</span>` : ''}</td><td data-label="内容">${noticeKindLabel(n.kind, n.leadDays)}</td></tr>`);
  return html`<table class="plan"><thead><tr><th>时间</th><th>发出的卡片或提醒</th></tr></thead><tbody>${rows}</tbody></table>${lateNote ? html`<p class="error">${lateNote}</p>` : ''}`;
}

/** The stored plan of a published activity, with how many went out. */
export function planTable(rows: { kind: string; dueAt: Date; status: string; count: number }[]): Html {
  if (!rows.length) return html`<p class="muted">没有计划的通知。</p>`;
  const body = rows.map((r) => html`<tr><td data-label="时间">${formatDateTime(r.dueAt)}</td><td data-label="内容">${noticeKindLabel(r.kind)}</td><td data-label="状态">${NOTICE_STATUS_LABEL[r.status] ?? r.status}</td><td data-label="条数">${r.count}</td></tr>`);
  return html`<table class="plan"><thead><tr><th>时间</th><th>内容</th><th>状态</th><th>条数</th></tr></thead><tbody>${body}</tbody></table>`;
}

export interface ActivityFormValues {
  unitId?: string;
  kind?: string;
  title?: string;
  date?: string;
  start?: string;
  end?: string;
  place?: string;
  content?: string;
}

export function valuesOf(a: { unitId: number; kind: string; title: string; startAt: Date; endAt: Date; place: string; content: string }): ActivityFormValues {
  return { unitId: String(a.unitId), kind: a.kind, title: a.title, date: shanghaiIsoDate(a.startAt), start: formatTime(a.startAt), end: formatTime(a.endAt), place: a.place, content: a.content };
}

/** The form; `units` only for a new activity (an edit keeps its unit and kind). */
export function activityForm(action: string, csrf: string, v: ActivityFormValues, units: UnitSummary[] | undefined, buttons: Html): Html {
  const unitField = units
    ? html`<label for="unitId">单位</label><select id="unitId" name="unitId">${units.map((u) => html`<option value="${u.id}"${String(u.id) === v.unitId ? html` selected` : ''}>${u.name}</option>`)}</select>
<label for="kind">类别</label><select id="kind" name="kind">${Object.entries(ACTIVITY_KINDS).map(([k, label]) => html`<option value="${k}"${k === v.kind ? html` selected` : ''}>${label}</option>`)}</select>`
    : '';
  return html`<form method="post" action="${action}">${csrfField(csrf)}${unitField}
<label for="title">标题</label><input id="title" name="title" required maxlength="60" value="${v.title ?? ''}">
<label for="date">日期</label><input id="date" name="date" type="date" required value="${v.date ?? ''}">
<label for="start">开始时间</label><input id="start" name="start" type="time" required value="${v.start ?? ''}">
<label for="end">结束时间</label><input id="end" name="end" type="time" required value="${v.end ?? ''}">
<label for="place">地点</label><input id="place" name="place" required maxlength="100" value="${v.place ?? ''}">
<label for="content">内容</label><textarea id="content" name="content" rows="3" maxlength="2000">${v.content ?? ''}</textarea>
<div class="actions">${buttons}</div></form>`;
}

/** Shanghai wall time from the form's date and time, or undefined when either is malformed. */
export function instantOf(date: string | undefined, time: string | undefined): Date | undefined {
  if (!date || !time || !/^\d{4}-\d{2}-\d{2}$/.test(date) || !/^\d{2}:\d{2}$/.test(time)) return undefined;
  const at = new Date(`${date}T${time}:00+08:00`);
  return Number.isNaN(at.getTime()) ? undefined : at;
}
