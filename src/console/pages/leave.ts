// 请假: leave the person may decide, pending and recently decided; 批准/驳回 go through the
// card's service (first decision wins) and tell the same people the same way (rules L1, L5).
import { formatDateTime } from '../../domain/shanghai-time.ts';
import { leaveMessages as m } from '../../flows/leave/messages.ts';
import { decideLeaveInConsole, leaveForDecider } from '../../services/console/console-service.ts';
import { decisionWord } from '../../services/leave-decision-notices.ts';
import type { LeaveDecisionResult } from '../../services/leave-service.ts';
import { html } from '../html.ts';
import { csrfField } from '../layout.ts';
import { consoleText as t, LEAVE_STATUS_LABEL } from '../messages.ts';
import { get, idOf, post } from '../routes.ts';

const NOTE_MAX = 200;

export const leavePages = [
  get('/console/leave', 'lead', async (_ctx, c) => {
    const pending = await leaveForDecider(c.deps.db, c.person, ['pending']);
    const decided = (await leaveForDecider(c.deps.db, c.person, ['approved', 'rejected', 'withdrawn'])).slice(0, 30);
    const pendingRows = pending.map((l) => html`<div class="card" data-leave-id="${l.id}"><strong>${l.personName}</strong> 申请请假<br>
活动：<a href="/console/activities/${l.activity.id}">${l.activity.title}</a>（${l.activity.unit.name}，${formatDateTime(l.activity.startAt)}）<br>事由：${l.reason}
<form method="post" action="/console/leave/${l.id}/decide">${csrfField(c.csrf)}
<label for="note-${l.id}">驳回理由（驳回时填写）</label><input id="note-${l.id}" name="note" maxlength="${NOTE_MAX}">
<div class="actions"><button name="decision" value="approved">批准</button><button class="danger" name="decision" value="rejected">驳回</button></div></form></div>`);
    const decidedRows = decided.map((l) => html`<tr><td data-label="请假人">${l.personName}</td><td data-label="活动">${l.activity.title}</td>
<td data-label="结果">${LEAVE_STATUS_LABEL[l.status] ?? l.status}${l.decidedByName ? `（${l.decidedByName}）` : ''}</td><td data-label="时间">${l.decidedAt ? formatDateTime(l.decidedAt) : ''}</td></tr>`);
    c.render(t.nav.leave, html`<h2>待审批（${pending.length}）</h2>${pendingRows.length ? html`<div class="cards">${pendingRows}</div>` : html`<p class="muted">没有待审批的请假。</p>`}
<h2>最近的决定</h2>${decidedRows.length ? html`<table><thead><tr><th>请假人</th><th>活动</th><th>结果</th><th>时间</th></tr></thead><tbody>${decidedRows}</tbody></table>` : html`<p class="muted">还没有。</p>`}`);
  }),
  post('/console/leave/:id/decide', 'lead', async (ctx, c) => {
    const id = idOf(ctx.params.id);
    const decision = c.form.decision === 'approved' || c.form.decision === 'rejected' ? c.form.decision : undefined;
    const note = (c.form.note ?? '').trim().slice(0, NOTE_MAX);
    if (!id || !decision) return c.done('/console/leave', t.notFound);
    if (decision === 'rejected' && !note) return c.done('/console/leave', '驳回请写明理由。');
    const result = await decideLeaveInConsole(c.deps, c.person, c.channel, id, decision, decision === 'rejected' ? note : undefined);
    c.done('/console/leave', outcome(result));
  }),
];

function outcome(result: LeaveDecisionResult): string {
  switch (result.kind) {
    case 'decided':
      return m.decidedForApprover(decisionWord(result.status), result.requesterName);
    case 'already':
      if (result.status === 'withdrawn') return m.alreadyWithdrawn(result.byName, result.at ? formatDateTime(result.at) : '');
      return m.alreadyDecided(result.byName, decisionWord(result.status), result.at ? formatDateTime(result.at) : '');
    case 'forbidden':
      return m.notAllowed;
    case 'not_found':
      return m.leaveNotFound;
  }
}
