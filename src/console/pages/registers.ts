// 台帐 (office staff): the registers that can be downloaded today. Only the reception register
// (CSV, rules R3–R6: phones masked unless asked for in full) exists on this branch; the
// register exports of issue 12 plug in here at merge.
import { shanghaiParts } from '../../domain/shanghai-time.ts';
import { exportRegister } from '../../services/register/register-export.ts';
import { html } from '../html.ts';
import { consoleText as t } from '../messages.ts';
import { get } from '../routes.ts';

export const registerPages = [
  get('/console/registers', 'office', async (_ctx, c) => {
    const year = shanghaiParts(c.now).date.year;
    c.render(t.nav.registers, html`<h2>接待选民登记表（CSV）</h2><p class="muted">目前可下载的台帐只有这一种；其他台帐上线后会出现在这里。</p>
<form method="get" action="/console/registers/reception.csv"><label for="year">年份</label><input id="year" name="year" type="number" min="2000" max="2100" value="${year}">
<label><input type="checkbox" name="full" value="1"> 显示完整电话号码（仅供办公室内部使用）</label><div class="actions"><button>下载</button></div></form>`);
  }),
  get('/console/registers/reception.csv', 'office', async (ctx, c) => {
    const year = Number(ctx.query.year);
    if (!Number.isInteger(year) || year < 2000 || year > 2100) return c.done('/console/registers', '请填写年份，例如 2026。');
    const from = new Date(`${year}-01-01T00:00:00+08:00`);
    const to = new Date(`${year + 1}-01-01T00:00:00+08:00`);
    const csv = await exportRegister(c.deps.db, { orgId: c.orgId, from, to, unmasked: ctx.query.full === '1' });
    // The cells are the service's (formula-safe there); the name's .csv sets the content type.
    ctx.attachment(`接待选民登记表-${year}.csv`);
    ctx.body = csv;
  }),
];
