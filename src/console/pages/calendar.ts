// 日历 (office staff): a year's days that differ from Monday–Friday (statutory data or the
// office's own corrections), the warning for a year without data, and adding or removing a
// correction — the same service as npm run calendar.
import { shanghaiParts } from '../../domain/shanghai-time.ts';
import { calendarYear, OVERRIDE_KIND_LABEL, removeCalendarOverride, setCalendarOverride } from '../../services/calendar-year.ts';
import { html } from '../html.ts';
import { csrfField } from '../layout.ts';
import { consoleText as t } from '../messages.ts';
import { get, post } from '../routes.ts';

const COVERAGE = { data: '已有国家法定节假日安排。', overrides: '没有国家法定节假日数据，只有本单位录入的调整。', none: '' } as const;

export const calendarPages = [
  get('/console/calendar', 'office', async (ctx, c) => {
    const thisYear = shanghaiParts(c.now).date.year;
    const asked = Number(ctx.query.year);
    const year = Number.isInteger(asked) && asked >= thisYear - 1 && asked <= thisYear + 3 ? asked : thisYear;
    const cal = await calendarYear(c.deps.db, c.orgId, year);
    const years = [thisYear, thisYear + 1, thisYear + 2].map((y) => html`<a href="/console/calendar?year=${y}"${y === year ? html` aria-current="page"` : ''}>${y} 年</a> `);
    const rows = cal.days.map((d) => html`<tr><td data-label="日期">${d.date}</td><td data-label="安排">${d.working ? '上班' : '放假'}${d.name ? `（${d.name}）` : ''}</td>
<td data-label="来源">${d.source === 'override' ? '本单位调整' : '国家安排'}</td><td data-label="">${d.source === 'override' ? html`<form method="post" action="/console/calendar/remove" class="inline">${csrfField(c.csrf)}<input type="hidden" name="date" value="${d.date}"><input type="hidden" name="year" value="${year}"><button class="secondary">删除</button></form>` : ''}</td></tr>`);
    c.render(t.nav.calendar, html`<p>${years}</p>${cal.coverage === 'data' ? html`<p class="ok">${COVERAGE.data}</p>` : html`<p class="error">${t.assumedYear(year)}</p>${cal.coverage === 'overrides' ? html`<p>${COVERAGE.overrides}</p>` : ''}`}
<h2>${year} 年与周一至周五不同的日子</h2>${rows.length ? html`<table><thead><tr><th>日期</th><th>安排</th><th>来源</th><th></th></tr></thead><tbody>${rows}</tbody></table>` : html`<p class="muted">没有。</p>`}
<h2>添加调整</h2><form method="post" action="/console/calendar/add">${csrfField(c.csrf)}<input type="hidden" name="year" value="${year}">
<label for="date">日期</label><input id="date" name="date" type="date" required>
<label for="kind">安排</label><select id="kind" name="kind">${Object.entries(OVERRIDE_KIND_LABEL).map(([k, l]) => html`<option value="${k}">${l}</option>`)}</select>
<label for="name">名称（可不填）</label><input id="name" name="name" maxlength="20" placeholder="例如：春节">
<div class="actions"><button>保存</button></div></form>`);
  }),
  post('/console/calendar/add', 'office', async (_ctx, c) => {
    const result = await setCalendarOverride(c.deps.db, c.orgId, { date: c.form.date ?? '', kind: c.form.kind ?? '', name: c.form.name });
    c.done(`/console/calendar?year=${encodeURIComponent(c.form.year ?? '')}`, result.message);
  }),
  post('/console/calendar/remove', 'office', async (_ctx, c) => {
    const result = await removeCalendarOverride(c.deps.db, c.orgId, c.form.date ?? '');
    c.done(`/console/calendar?year=${encodeURIComponent(c.form.year ?? '')}`, result.message);
  }),
];
