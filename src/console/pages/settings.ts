// 设置 (office staff): the organisation's policy field by field (described from its schema, so
// a new field shows up by itself; the supervising body's name is one of them), saved with
// compare-and-set; and each unit's group chat for one-line announcements.
import { UNIT_KIND_LABEL } from '../../domain/roles.ts';
import { unitChats } from '../../services/console/console-service.ts';
import { readPolicy, updatePolicy, type PolicyField } from '../../services/org-policy-service.ts';
import { createUnitChat, setUnitChat } from '../../services/unit-chat-service.ts';
import { html, type Html } from '../html.ts';
import { csrfField } from '../layout.ts';
import { consoleText as t, POLICY_LABEL } from '../messages.ts';
import { get, idOf, post } from '../routes.ts';

export const settingsPages = [
  get('/console/settings', 'office', async (_ctx, c) => {
    const { fields, stored } = await readPolicy(c.deps.db, c.orgId);
    const units = await unitChats(c.deps.db, c.orgId);
    const chats = units.map((u) => html`<tr><td data-label="单位">${u.name}（${UNIT_KIND_LABEL[u.kind] ?? u.kind}）</td><td data-label="群聊">${u.groupChat ?? '—'}</td>
<td data-label="设置"><form method="post" action="/console/settings/chat/${u.id}" class="inline">${csrfField(c.csrf)}<input name="chatId" aria-label="群聊 ID" value="${u.groupChat ?? ''}" maxlength="32" style="max-width:12rem">
<button name="action" value="set">保存</button>${u.groupChat ? '' : html`<button class="secondary" name="action" value="create">建群</button>`}</form></td></tr>`);
    c.render(t.nav.settings, html`<h2>组织的规定和数字</h2><form method="post" action="/console/settings/policy">${csrfField(c.csrf)}
<input type="hidden" name="basedOn" value="${stored}">${fields.map(fieldInput)}<div class="actions"><button>保存</button></div></form>
<h2>各单位的群聊</h2><p class="muted">发布活动时，在单位的群聊里同时发一条提示。留空保存即取消。</p>
<table><thead><tr><th>单位</th><th>群聊</th><th>设置</th></tr></thead><tbody>${chats}</tbody></table>`);
  }),
  post('/console/settings/policy', 'office', async (_ctx, c) => {
    const input = Object.fromEntries(Object.entries(c.form).filter(([k]) => k.startsWith('f_')).map(([k, v]) => [k.slice(2), v]));
    const result = await updatePolicy(c.deps.db, c.orgId, input, c.form.basedOn ?? '');
    if (!result.ok) return c.done('/console/settings', 'stale' in result ? '别人刚刚修改过设置，请看一下最新的内容后再保存。' : result.problems.map((p) => `${POLICY_LABEL[p.key] ?? p.key}：${p.message}`).join('；'));
    c.done('/console/settings', result.changed.length ? `已保存：${result.changed.map((k) => POLICY_LABEL[k] ?? k).join('、')}。` : '没有改动。');
  }),
  post('/console/settings/chat/:id', 'office', async (ctx, c) => {
    const id = idOf(ctx.params.id) ?? 0;
    const chatId = (c.form.chatId ?? '').trim();
    const result = c.form.action === 'create' ? await createUnitChat(c.deps.db, c.orgId, { id }, c.now) : await setUnitChat(c.deps.db, c.orgId, { id }, chatId || null);
    if (result.ok && c.form.action === 'create') c.pokeOutbox();
    c.done('/console/settings', result.message);
  }),
];

function fieldInput(f: PolicyField): Html {
  const id = `f_${f.key}`;
  const label = html`<label for="${id}">${POLICY_LABEL[f.key] ?? f.description ?? f.key}</label>`;
  const value = f.input === 'json' ? JSON.stringify(f.value) : String(f.value ?? '');
  if (f.input === 'choice' || f.input === 'boolean') {
    const choices = f.input === 'boolean' ? ['true', 'false'] : f.choices ?? [];
    return html`${label}<select id="${id}" name="${id}">${choices.map((ch) => html`<option value="${ch}"${ch === value ? html` selected` : ''}>${ch === 'true' ? '是' : ch === 'false' ? '否' : ch}</option>`)}</select>`;
  }
  const type = f.input === 'integer' || f.input === 'number' ? 'number' : 'text';
  return html`${label}<input id="${id}" name="${id}" type="${type}" value="${value}"${f.min !== undefined ? html` min="${f.min}"` : ''}${f.max !== undefined ? html` max="${f.max}"` : ''}>`;
}
