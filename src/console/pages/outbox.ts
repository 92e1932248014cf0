// 消息: messages the outbox gave up on (dead) or could not confirm (uncertain), with the
// platform's error; 重发 and 放弃 are `npm run outbox`'s own service (compare-and-set on the
// status shown, so a row the worker just changed is refused, not touched twice).
import { formatDateTime } from '../../domain/shanghai-time.ts';
import { discardForStaff, listForStaff, retryForStaff, type StaffActionResult } from '../../services/outbox-admin.ts';
import { html } from '../html.ts';
import { csrfField } from '../layout.ts';
import { consoleText as t } from '../messages.ts';
import { get, idOf, post } from '../routes.ts';

const STATUS_LABEL: Record<string, string> = { dead: '发送失败', uncertain: '不确定是否送达', pending: '待发送', discarded: '已放弃', sent: '已发送' };
const KIND_LABEL: Record<string, string> = { text: '文字', markdown: '文字', card: '卡片', card_update: '卡片更新', card_settle: '卡片更新', chat_text: '群消息', chat_create: '建群', robot_reply: '机器人回复' };

export const outboxPages = [
  get('/console/outbox', 'office', async (_ctx, c) => {
    const rows = await listForStaff(c.deps.db, c.orgId);
    const body = rows.map((r) => html`<tr data-outbox-id="${r.id}"><td data-label="编号">${r.id}</td><td data-label="状态">${STATUS_LABEL[r.status] ?? r.status}</td>
<td data-label="类型">${KIND_LABEL[r.kind] ?? r.kind}</td><td data-label="收件">${r.recipient}</td><td data-label="创建">${formatDateTime(r.createdAt)}</td>
<td data-label="平台的错误">${r.lastErrcode !== null ? `${r.lastErrcode} ` : ''}${r.lastError ?? ''}（尝试 ${r.attempts} 次）</td>
<td data-label="处理"><form method="post" action="/console/outbox/${r.id}/retry" class="inline">${csrfField(c.csrf)}<button>重发</button></form>
<form method="post" action="/console/outbox/${r.id}/discard" class="inline">${csrfField(c.csrf)}<button class="secondary">放弃</button></form></td></tr>`);
    c.render(t.nav.outbox, html`<p class="muted">“不确定是否送达”的消息重发时，平台的防重复机制保证对方不会收到两次。</p>
${rows.length ? html`<table><thead><tr><th>编号</th><th>状态</th><th>类型</th><th>收件</th><th>创建</th><th>平台的错误</th><th>处理</th></tr></thead><tbody>${body}</tbody></table>` : html`<p class="ok">所有消息都已送达。</p>`}`);
  }),
  post('/console/outbox/:id/retry', 'office', async (ctx, c) => {
    const result = await retryForStaff(c.deps.db, c.orgId, idOf(ctx.params.id) ?? 0, c.now);
    if (result.ok) c.pokeOutbox();
    c.done('/console/outbox', said(result, '已放回发送队列'));
  }),
  post('/console/outbox/:id/discard', 'office', async (ctx, c) => {
    const result = await discardForStaff(c.deps.db, c.orgId, idOf(ctx.params.id) ?? 0);
    c.done('/console/outbox', said(result, '已放弃'));
  }),
];

function said(result: StaffActionResult, done: string): string {
  if (result.ok) return `第 ${result.row.id} 条消息${done}。`;
  if (result.reason === 'not_found') return t.notFound;
  return `第 ${result.row.id} 条消息现在是“${STATUS_LABEL[result.row.status] ?? result.row.status}”，没有改动。`;
}
