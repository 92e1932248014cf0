// 建议 (office staff): suggestions by status with the deadline that applies and how far past it
// they are (rules S1–S4), most urgent first, each with its history — read through the
// suggestions service the chat and npm run suggestion use. Each number opens the suggestion's
// own page, where office staff act on it (suggestion-detail.ts, suggestion-actions.ts).
import { STATUS_LABEL, type SuggestionStatus } from '../../domain/suggestions/lifecycle.ts';
import { dueOf, historyOf, listForOffice } from '../../services/suggestions/listing-service.ts';
import { todayIn } from '../../services/reception/reception-plan-service.ts';
import { html } from '../html.ts';
import { consoleText as t } from '../messages.ts';
import { get } from '../routes.ts';
import { dueLine } from './suggestion-detail.ts';

const HISTORY_FOR = 30;

export const suggestionPages = [
  get('/console/suggestions', 'office', async (ctx, c) => {
    const today = todayIn(c.now);
    const status = typeof ctx.query.status === 'string' && ctx.query.status in STATUS_LABEL ? ctx.query.status : undefined;
    const list = await listForOffice(c.deps.db, c.orgId, status ? { statuses: [status] } : {}, today);
    const filters = [html`<a href="/console/suggestions"${!status ? html` aria-current="page"` : ''}>全部</a>`,
      ...Object.entries(STATUS_LABEL).map(([k, l]) => html` <a href="/console/suggestions?status=${k}"${k === status ? html` aria-current="page"` : ''}>${l}</a>`)];
    const rows = [];
    for (const [i, v] of list.entries()) {
      const due = dueOf(v, today);
      const history = i < HISTORY_FOR ? await historyOf(c.deps.db, v, '命令行') : [];
      rows.push(html`<tr><td data-label="编号"><a href="/console/suggestions/${v.id}">${v.number}</a></td><td data-label="标题">${v.title}<br><small>${v.personName}</small>
${history.length ? html`<details><summary>经过</summary><ul>${history.map((h) => html`<li>${h}</li>`)}</ul></details>` : ''}</td>
<td data-label="状态">${STATUS_LABEL[v.status as SuggestionStatus] ?? v.status}</td><td data-label="承办">${v.departments.map((d) => d.name).join('、') || '—'}</td>
<td data-label="期限">${due ? dueLine(due) : '—'}</td></tr>`);
    }
    c.render(t.nav.suggestions, html`<p>${filters}</p>${rows.length ? html`<table><thead><tr><th>编号</th><th>标题</th><th>状态</th><th>承办</th><th>期限</th></tr></thead><tbody>${rows}</tbody></table>` : html`<p class="muted">没有。</p>`}`);
  }),
];
