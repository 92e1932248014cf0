// One suggestion for office staff (rules S1–S4): where it stands, the deadline that applies
// (a past one shown as overdue, never as a date still to come), every answer with its rating,
// its history, and the forms for the steps the lifecycle allows from here. The forms only
// offer; the services decide (a stale page's form is refused with the chat's sentence).
import type Koa from 'koa';
import { ANSWER_FORMS, STATUS_LABEL, TRANSITIONS, type SuggestionAction, type SuggestionStatus } from '../../domain/suggestions/lifecycle.ts';
import { formatDateTime } from '../../domain/shanghai-time.ts';
import { suggestionDetail } from '../../services/suggestions/detail-service.ts';
import type { Due } from '../../services/suggestions/listing-service.ts';
import { todayIn } from '../../services/reception/reception-plan-service.ts';
import { html, type Html } from '../html.ts';
import { csrfField } from '../layout.ts';
import { consoleText as t } from '../messages.ts';
import { get, idOf, type ConsoleCtx } from '../routes.ts';
import { newRequestKey } from './suggestion-actions.ts';

const s$ = t.suggestion;
type Detail = NonNullable<Awaited<ReturnType<typeof suggestionDetail>>>;

export const suggestionDetailPages = [get('/console/suggestions/:id', 'office', async (ctx, c) => detail(ctx, c))];

async function detail(ctx: Koa.Context, c: ConsoleCtx) {
  const today = todayIn(c.now);
  const d = await suggestionDetail(c.deps.db, c.orgId, idOf(ctx.params.id) ?? 0, today, s$.commandLine);
  if (!d) {
    ctx.status = 404;
    return c.render(t.nav.suggestions, html`<p class="error">${t.notFound}</p>`, '/console/suggestions');
  }
  const v = d.view;
  const lead = v.departments.find((x) => x.role === 'lead');
  const co = v.departments.filter((x) => x.role !== 'lead').map((x) => x.name);
  const answers = d.answers.map((a) => html`<li>第 ${a.round} 次 · ${a.form} · ${formatDateTime(a.answeredAt)}<p style="white-space:pre-wrap">${a.text || '（答复函见附件）'}</p><p class="muted">${s$.rating(a.rating)}</p></li>`);
  c.render(`${v.number} ${v.title}`, html`<p>提出人：${v.personName} · 状态：<strong data-status="${v.status}">${STATUS_LABEL[v.status as SuggestionStatus] ?? v.status}</strong><br>
承办：${lead ? `${lead.name}（主办）` : '—'}${co.length ? `；${co.join('、')}（协办）` : ''}<br>${dueLine(d.due)}</p>
${d.pending ? pendingBox(c, v.id, d) : ''}
${forms(c, d)}
<h2>${s$.answers}</h2>${answers.length ? html`<ol>${answers}</ol>` : html`<p class="muted">${s$.noAnswers}</p>`}
<h2>${s$.history}</h2><ol class="history">${d.history.map((h) => html`<li>${h}</li>`)}</ol>
<p><a href="/console/suggestions">← 返回建议列表</a></p>`, '/console/suggestions');
}

/** Rule S1's deadline as it stands today: overdue, due today, or days left — never a past date as a promise. */
export function dueLine(due: Due | undefined): Html {
  if (!due) return html`<span class="muted">${s$.noDeadline}</span>`;
  const state = due.past > 0 ? html`<span class="error">${s$.overdue(due.past)}</span>` : due.past === 0 ? html`<span class="error">${s$.dueToday}</span>` : html`${s$.daysLeft(-due.past)}`;
  return html`${due.kind}：${due.deadline}（${state}）`;
}

function pendingBox(c: ConsoleCtx, id: number, d: Detail): Html {
  const p = d.pending!;
  const lead = d.view.departments.find((x) => x.role === 'lead')?.name ?? '';
  return html`<section class="card"><h2>延期申请</h2><p>${s$.pending(lead, p.untilDate, p.reason)}</p>
${form(c, id, 'extension', html`<div class="actions"><button name="decision" value="approve">批准延期</button><button class="danger" name="decision" value="decline">不批准</button></div>`)}</section>`;
}

function form(c: ConsoleCtx, id: number, name: string, body: Html): Html {
  return html`<form method="post" action="/console/suggestions/${id}/${name}">${csrfField(c.csrf)}<input type="hidden" name="_req" value="${newRequestKey()}">${body}</form>`;
}

const allowed = (status: string, action: SuggestionAction) => (TRANSITIONS[action].from as readonly string[]).includes(status);

function forms(c: ConsoleCtx, d: Detail): Html {
  const { id, status } = d.view;
  const out: Html[] = [];
  const step = (title: string, name: string, body: Html) => out.push(html`<details class="step"><summary class="button secondary">${title}</summary>${form(c, id, name, body)}</details>`);
  if (allowed(status, 'register')) out.push(form(c, id, 'register', html`<div class="actions"><button>登记</button></div>`));
  if (allowed(status, 'assign') || allowed(status, 'register')) step('交办', 'assign', assignFields(d));
  if (allowed(status, 'return')) step('退回代表', 'return', html`<label for="reason">退回理由（代表会收到）</label><textarea id="reason" name="reason" rows="2" maxlength="200" required></textarea><div class="actions"><button class="danger">退回</button></div>`);
  if (allowed(status, 'merge')) step('并入另一件', 'merge', html`<label for="into">并入的建议编号</label><input id="into" name="into" required placeholder="例如 2026-建-0003"><div class="actions"><button>合并</button></div>`);
  if (allowed(status, 'accept')) out.push(form(c, id, 'accept', html`<div class="actions"><button class="secondary">代承办单位签收</button></div>`));
  if (allowed(status, 'talk')) step('登记面商', 'talk', html`<label for="heldOn">面商日期</label><input id="heldOn" name="heldOn" type="date" required max="${todayIn(c.now)}">
<label for="place">地点</label><input id="place" name="place" required maxlength="50"><label for="participants">参加人员</label><input id="participants" name="participants" required maxlength="100" placeholder="例如 县住建局李科长、代表李春梅"><div class="actions"><button>登记面商</button></div>`);
  if (allowed(status, 'answer')) step('登记答复', 'answer', html`<label for="form">答复形式</label><select id="form" name="form">${ANSWER_FORMS.map((f) => html`<option>${f}</option>`)}</select>
<label for="text">答复内容</label><textarea id="text" name="text" rows="4" maxlength="2000" required></textarea><div class="actions"><button>登记答复（代表会收到评价卡片）</button></div>`);
  if (allowed(status, 'close')) out.push(form(c, id, 'close', html`<div class="actions"><button>办结</button></div>`));
  return out.length ? html`<h2>办理</h2><div class="steps">${out}</div>` : html``;
}

function assignFields(d: Detail): Html {
  if (!d.departments.length) return html`<p class="error">${s$.noDepartments}</p>`;
  const current = new Map(d.view.departments.map((x) => [x.name, x.role]));
  const lead = [...current].find(([, r]) => r === 'lead')?.[0];
  return html`<label for="lead">主办单位</label><select id="lead" name="lead">${d.departments.map((n) => html`<option${n === lead ? html` selected` : ''}>${n}</option>`)}</select>
<fieldset><legend>协办单位（可不选）</legend>${d.departments.map((n, i) => html`<label class="check"><input type="checkbox" name="co" value="${n}" id="co-${i}"${current.get(n) === 'co' ? html` checked` : ''}> ${n}</label>`)}</fieldset>
<div class="actions"><button>交办</button></div>`;
}
