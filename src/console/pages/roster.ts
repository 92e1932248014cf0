// 名册 (office staff): upload a CSV/XLSX roster, see its row errors and what it would change
// (new / updated / unchanged / no longer listed) before confirming; deactivate people who left.
// The file waits in memory between preview and confirm (bound to the person, 30 minutes).
import { randomBytes } from 'node:crypto';
import { AppError } from '../../lib/errors.ts';
import { deactivatePeople, LEAVE_REASON_MAX } from '../../services/roster/roster-leave.ts';
import { formatRowError, summaryLine, unreachableLine } from '../../services/roster/messages.ts';
import { importRoster, previewRoster, type RosterPreview } from '../../services/roster/roster-service.ts';
import { uploadedFile, type UploadedFile } from '../forms.ts';
import { html, type Html } from '../html.ts';
import { csrfField } from '../layout.ts';
import { consoleText as t } from '../messages.ts';
import { get, idOf, post, type ConsoleCtx } from '../routes.ts';

const KEEP_MS = 30 * 60_000;
const stash = new Map<string, { file: UploadedFile; personId: number; at: number }>();

export const rosterPages = [
  get('/console/roster', 'office', async (_ctx, c) => c.render(t.nav.roster, uploadForm(c))),
  post('/console/roster/preview', 'office', async (ctx, c) => {
    const file = uploadedFile(ctx);
    if (!file) return c.render(t.nav.roster, html`<p class="error">请选择一个 CSV 或 XLSX 文件。</p>${uploadForm(c)}`);
    const reachable = await c.reachableChannels();
    const preview = await attempt(() => previewRoster(c.deps.db, { orgCode: c.orgCode, file: file.name, bytes: file.bytes, reachable }));
    if (typeof preview === 'string') return c.render(t.nav.roster, html`<p class="error">${preview}</p>${uploadForm(c)}`);
    const id = keep(file, c.person.id);
    c.render(`名册预览：${file.name}`, previewBody(c, preview, id), '/console/roster');
  }),
  post('/console/roster/import', 'office', async (_ctx, c) => {
    const kept = stash.get(c.form.upload ?? '');
    if (!kept || kept.personId !== c.person.id || Date.now() - kept.at > KEEP_MS) return c.done('/console/roster', '上传的文件已过期，请重新上传。');
    const reachable = await c.reachableChannels();
    const report = await attempt(() => importRoster(c.deps.db, { orgCode: c.orgCode, file: kept.file.name, bytes: kept.file.bytes, now: c.now, actorId: c.person.id, reachable }));
    if (typeof report === 'string') return c.done('/console/roster', report);
    stash.delete(c.form.upload!);
    const unreachable = unreachableLine(report);
    c.done('/console/roster', report.applied ? `${summaryLine(report)}${unreachable ? `。${unreachable}` : ''}` : '文件有错误，没有导入任何数据。');
  }),
  post('/console/roster/deactivate', 'office', async (_ctx, c) => {
    const ids = Object.entries(c.form).filter(([k, v]) => k.startsWith('p') && v === 'on').map(([k]) => idOf(k.slice(1))).filter((n): n is number => !!n);
    if (!ids.length) return c.done('/console/roster', '请勾选要停用的人员。');
    const result = await deactivatePeople(c.deps.db, { orgId: c.orgId, personIds: ids, reason: c.form.reason ?? '', actorId: c.person.id, now: c.now });
    c.done('/console/roster', result.ok ? `已停用：${result.names.join('、') || '（无变化）'}。他们的记录保留。` : result.message);
  }),
];

function uploadForm(c: ConsoleCtx): Html {
  return html`<p>上传代表名册（CSV 或 XLSX，表头与 <code>npm run roster:import</code> 相同）。先预览，确认后才写入。</p>
<form method="post" action="/console/roster/preview" enctype="multipart/form-data">${csrfField(c.csrf)}
<label for="file">名册文件</label><input id="file" name="file" type="file" accept=".csv,.xlsx" required>
<div class="actions"><button>预览</button></div></form>${c.mode === 'local' ? html`<p class="muted">本地模式：导入真实名册后，这个数据库就不再用于本地模式（本地模式只用示范数据）。</p>` : ''}`;
}

function previewBody(c: ConsoleCtx, p: RosterPreview, id: string): Html {
  const r = p.report;
  const errors = r.errors.map((e) => html`<li class="row-error">${formatRowError(e)}</li>`);
  const counts = html`<p>新增 <strong>${p.created.length}</strong> 人，更新 <strong>${p.updated.length}</strong> 人，未变 <strong>${r.unchanged}</strong> 人，文件中没有的 <strong>${p.left.length}</strong> 人。</p>`;
  const names = html`${p.created.length ? html`<p>新增：${p.created.join('、')}</p>` : ''}${p.updated.length ? html`<p>更新：${p.updated.map((u) => (u.rejoined ? `${u.name}（重新加入）` : u.name)).join('、')}</p>` : ''}`;
  const confirm = errors.length
    ? html`<p class="error">请修正以上错误后重新上传；有错误时不会写入任何数据。</p>${uploadForm(c)}`
    : html`<form method="post" action="/console/roster/import">${csrfField(c.csrf)}<input type="hidden" name="upload" value="${id}"><div class="actions"><button>确认导入</button></div></form>`;
  const left = p.left.length
    ? html`<h2>文件中没有的人（可能已离开）</h2><form method="post" action="/console/roster/deactivate">${csrfField(c.csrf)}
<ul>${p.left.map((l) => html`<li><label><input type="checkbox" name="p${l.id}"> ${l.name}（${l.mobile.slice(0, 3)}****${l.mobile.slice(-4)}）</label></li>`)}</ul>
<label for="reason">停用原因</label><input id="reason" name="reason" maxlength="${LEAVE_REASON_MAX}" placeholder="例如：代表资格终止">
<div class="actions"><button class="danger">停用勾选的人</button></div></form>`
    : '';
  const unreachable = unreachableLine(r);
  return html`${errors.length ? html`<h2>发现 ${errors.length} 处错误</h2><ul>${errors}</ul>` : ''}<h2>变化</h2>${counts}${names}${unreachable ? html`<p class="error">${unreachable}</p>` : ''}${confirm}${left}`;
}

function keep(file: UploadedFile, personId: number): string {
  const now = Date.now();
  for (const [k, v] of stash) if (now - v.at > KEEP_MS) stash.delete(k);
  const id = randomBytes(12).toString('hex');
  stash.set(id, { file, personId, at: now });
  return id;
}

/** A whole-file problem (encoding, header) is one sentence for the page. */
async function attempt<T>(run: () => Promise<T>): Promise<T | string> {
  try {
    return await run();
  } catch (err) {
    if (err instanceof AppError && err.expose) return err.message;
    throw err;
  }
}
