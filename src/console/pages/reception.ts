// 接待 (office staff): the reception register's open issues with visitors' names (rule R6:
// office staff see them), 交办 to a department or forward, and 答复登记 — the services the
// chat's 交办 / 答复登记 dialogs call (rules R4, R5).
import { ANSWER_FORMS, answerVisitAs, assignmentTargets, assignVisitAs, SATISFACTION, visitsForOffice } from '../../services/reception/visit-service.ts';
import { todayIn } from '../../services/reception/reception-plan-service.ts';
import { html } from '../html.ts';
import { csrfField } from '../layout.ts';
import { consoleText as t } from '../messages.ts';
import { get, idOf, post } from '../routes.ts';

const STATUS: Record<string, string> = { recorded: '待交办', assigned: '已交办', forwarded: '已转出', answered: '已答复', closed: '已办结' };

export const receptionPages = [
  get('/console/reception', 'office', async (_ctx, c) => {
    const today = todayIn(c.now);
    const toAssign = (await visitsForOffice(c.deps.db, c.orgId, c.person, ['recorded'])) ?? [];
    const toAnswer = (await visitsForOffice(c.deps.db, c.orgId, c.person, ['assigned', 'forwarded'])) ?? [];
    const { departments, forward } = await assignmentTargets(c.deps.db, c.orgId);
    const targets = [...departments, forward];
    const head = (v: (typeof toAssign)[number]) => html`<strong>${v.station} ${v.date}</strong> ${v.visitorName}：${v.category}<br>${v.issue}<br>期限 ${v.deadline}${v.deadline < today ? html` <span class="error">已逾期</span>` : ''}`;
    const assign = toAssign.map((v) => html`<div class="card">${head(v)}<form method="post" action="/console/reception/${v.id}/assign">${csrfField(c.csrf)}
<label for="target-${v.id}">交办给</label><select id="target-${v.id}" name="target">${targets.map((d) => html`<option>${d}</option>`)}</select><div class="actions"><button>交办</button></div></form></div>`);
    const answer = toAnswer.map((v) => html`<div class="card">${head(v)}<br>${STATUS[v.assignedTo ? 'assigned' : 'forwarded']}：${v.assignedTo ?? ''}
<form method="post" action="/console/reception/${v.id}/answer">${csrfField(c.csrf)}
<label for="form-${v.id}">答复形式</label><select id="form-${v.id}" name="form">${ANSWER_FORMS.map((f) => html`<option>${f}</option>`)}</select>
<label for="text-${v.id}">答复内容</label><textarea id="text-${v.id}" name="text" rows="2" maxlength="1000"></textarea>
<label for="sat-${v.id}">来访人满意度</label><select id="sat-${v.id}" name="satisfaction">${SATISFACTION.map((s) => html`<option>${s}</option>`)}</select>
<div class="actions"><button>登记答复</button></div></form></div>`);
    c.render(t.nav.reception, html`<h2>待交办（${assign.length}）</h2>${assign.length ? html`<div class="cards">${assign}</div>` : html`<p class="muted">没有。</p>`}
<h2>待答复（${answer.length}）</h2>${answer.length ? html`<div class="cards">${answer}</div>` : html`<p class="muted">没有。</p>`}`);
  }),
  post('/console/reception/:id/assign', 'office', async (ctx, c) => {
    const result = await assignVisitAs(c.deps.db, c.person, { orgId: c.orgId, visitId: idOf(ctx.params.id) ?? 0, target: c.form.target ?? '', now: c.now });
    c.done('/console/reception', result.message);
  }),
  post('/console/reception/:id/answer', 'office', async (ctx, c) => {
    const f = c.form;
    const result = await answerVisitAs(c.deps.db, c.person, { orgId: c.orgId, visitId: idOf(ctx.params.id) ?? 0, form: f.form ?? '', text: f.text ?? '', satisfaction: f.satisfaction ?? '', now: c.now });
    c.done('/console/reception', result.message);
  }),
];
