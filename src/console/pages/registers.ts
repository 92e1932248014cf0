// 台帐 (office staff): any register (or all of them in one workbook) for a unit or the whole
// organisation and a period, written by the same export service as `npm run export` and the
// chat's 导出, and downloaded as XLSX. Phones are masked (rule R6); the reception register's
// CSV with full phones stays for the office's own use.
import { createReadStream, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { BOOK_NAMES, type BookName } from '../../domain/registers/book-names.ts';
import { periodFromFlags, periodFromWords } from '../../domain/registers/period.ts';
import { OFFICE_PRIVACY } from '../../domain/registers/privacy.ts';
import { shanghaiParts } from '../../domain/shanghai-time.ts';
import { unitChats } from '../../services/console/console-service.ts';
import { exportRegister } from '../../services/register/register-export.ts';
import { exportBooks, exportFileName } from '../../services/registers/export-service.ts';
import { html } from '../html.ts';
import { consoleText as t } from '../messages.ts';
import { get, idOf } from '../routes.ts';

const BOOKS: (BookName | 'all')[] = [...BOOK_NAMES, 'all'];
const bookLabel = (b: BookName | 'all') => (b === 'all' ? '全部台帐（一个文件，每本一页）' : b);

export const registerPages = [
  get('/console/registers', 'office', async (_ctx, c) => {
    const units = await unitChats(c.deps.db, c.orgId);
    const quarter = periodFromWords('本季度', c.now);
    const [from, to] = quarter.ok ? [quarter.period.fromDay, quarter.period.toDay] : ['', ''];
    const year = shanghaiParts(c.now).date.year;
    c.render(t.nav.registers, html`<h2>台帐（Excel）</h2>
<form method="get" action="/console/registers/book.xlsx">
<label for="book">台帐</label><select id="book" name="book">${BOOKS.map((b) => html`<option value="${b}">${bookLabel(b)}</option>`)}</select>
<label for="unit">单位</label><select id="unit" name="unit"><option value="">全县（所有单位）</option>${units.map((u) => html`<option value="${String(u.id)}">${u.name}</option>`)}</select>
<label for="from">从</label><input id="from" name="from" type="date" value="${from}" required>
<label for="to">到</label><input id="to" name="to" type="date" value="${to}" required>
<p class="muted">电话号码按规定隐去中间四位。</p><div class="actions"><button>下载</button></div></form>
<h2>接待选民登记表（CSV）</h2>
<form method="get" action="/console/registers/reception.csv"><label for="year">年份</label><input id="year" name="year" type="number" min="2000" max="2100" value="${String(year)}">
<label><input type="checkbox" name="full" value="1"> 显示完整电话号码（仅供办公室内部使用）</label><div class="actions"><button>下载</button></div></form>`);
  }),
  get('/console/registers/book.xlsx', 'office', async (ctx, c) => {
    const book = BOOKS.find((b) => b === ctx.query.book);
    if (!book) return c.done('/console/registers', '请选择要下载的台帐。');
    const period = periodFromFlags(String(ctx.query.from ?? ''), String(ctx.query.to ?? ''));
    if (!period.ok) return c.done('/console/registers', period.message);
    const units = await unitChats(c.deps.db, c.orgId);
    const unitId = ctx.query.unit ? idOf(ctx.query.unit) : undefined;
    const unit = unitId === undefined ? undefined : units.find((u) => u.id === unitId);
    if (ctx.query.unit && !unit) return c.done('/console/registers', '没有这个单位，请重新选择。');
    const dir = mkdtempSync(join(tmpdir(), 'console-register-'));
    const out = join(dir, 'book.xlsx');
    try {
      await exportBooks(c.deps.db, { orgId: c.orgId, book, unitId: unit?.id, period: period.period, privacy: OFFICE_PRIVACY, out, now: c.now });
    } catch (error) {
      rmSync(dir, { recursive: true, force: true });
      throw error;
    }
    ctx.attachment(exportFileName(book, unit?.name ?? '全县', period.period));
    const stream = createReadStream(out);
    stream.on('close', () => rmSync(dir, { recursive: true, force: true }));
    ctx.body = stream;
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
