// 联络站: each station the person keeps, its reception rule (R1) in words with the next dates
// and their duty deputies (R2), and a form to change the rule — 预览 shows the new dates
// without saving; 保存 stores it and re-plans the upcoming days (the same service as npm run station).
import type Koa from 'koa';
import { describeReceptionRule, type ReceptionRule } from '../../domain/calendar/reception-rule.ts';
import { formatDate } from '../../domain/shanghai-time.ts';
import { keptUnit } from '../../services/access/access-service.ts';
import { loadCalendar } from '../../services/calendar-service.ts';
import { stationsFor } from '../../services/console/console-service.ts';
import { previewDates, setStationRule, stationRule, upcomingDates } from '../../services/reception/reception-plan-service.ts';
import { html, type Html } from '../html.ts';
import { csrfField } from '../layout.ts';
import { consoleText as t } from '../messages.ts';
import { get, idOf, post, type ConsoleCtx } from '../routes.ts';

const PREVIEW_COUNT = 6;
const WEEKDAYS = ['一', '二', '三', '四', '五', '六', '日'];
const NTH = [[1, '第一个'], [2, '第二个'], [3, '第三个'], [4, '第四个'], [-1, '最后一个']] as const;
const POLICY = [['next', '顺延至下一个工作日'], ['previous', '提前至前一个工作日'], ['keep', '照常举行']] as const;

type Station = Awaited<ReturnType<typeof stationsFor>>[number];

export const stationPages = [
  get('/console/stations', 'lead', async (_ctx, c) => {
    const stations = await stationsFor(c.deps.db, c.person);
    const calendar = await loadCalendar(c.deps.db, c.orgId);
    const blocks: Html[] = [];
    for (const s of stations) {
      const dates = await previewDates(c.deps.db, s, undefined, PREVIEW_COUNT, c.now, calendar);
      const rule = stationRule(s);
      const rows = dates.value.map((d) => html`<li>${formatDate(new Date(`${d.date}T12:00:00+08:00`))}${d.moved ? html` <span class="muted">（原定 ${d.nominal}）</span>` : ''}${d.duties.length ? `　值班：${d.duties.join('、')}` : ''}</li>`);
      blocks.push(html`<section class="card" data-station-id="${s.id}"><h2>${s.name}</h2><p>接待选民日：<strong>${describeReceptionRule(rule)}</strong></p>
<p>接下来的接待日：</p><ol class="dates">${rows}</ol>${warnings(dates.assumedYears)}<details><summary class="button secondary">修改接待规则</summary>${ruleForm(c, s.id, rule)}</details></section>`);
    }
    c.render(t.nav.stations, blocks.length ? html`${blocks}` : html`<p class="muted">您没有负责的联络站。</p>`);
  }),
  post('/console/stations/:id/rule', 'lead', async (ctx, c) => saveRule(ctx, c)),
];

async function saveRule(ctx: Koa.Context, c: ConsoleCtx) {
  const id = idOf(ctx.params.id) ?? 0;
  const station = (await keptUnit(c.deps.db, c.orgId, c.person, id)) && (await stationsFor(c.deps.db, c.person)).find((s: Station) => s.id === id);
  if (!station) return c.done('/console/stations', t.notFound);
  const rule = ruleFrom(c.form);
  const calendar = await loadCalendar(c.deps.db, c.orgId);
  if (c.form.step !== 'save') {
    const parsed = rule && upcomingDates(rule, PREVIEW_COUNT, c.now, calendar);
    const list = parsed ? parsed.value.map((d) => html`<li>${formatDate(new Date(`${d.date}T12:00:00+08:00`))}</li>`) : [];
    return c.render(`${station.name}：预览新规则`, html`${rule ? html`<p>新规则：<strong>${describeReceptionRule(rule)}</strong></p><p>按新规则，接下来的接待日是：</p><ol class="dates">${list}</ol>${warnings(parsed!.assumedYears)}` : html`<p class="error">规则不完整，请重新选择。</p>`}
${ruleForm(c, station.id, rule ?? stationRule(station))}`, '/console/stations');
  }
  const result = await setStationRule(c.deps.db, station, rule ?? {}, c.now, calendar);
  if (!result.ok) return c.done('/console/stations', `规则不正确：${result.message}`);
  c.done('/console/stations', `已保存${station.name}的接待规则：${describeReceptionRule(result.rule)}。${result.cancelled ? `取消了 ${result.cancelled} 个原定接待日。` : ''}`);
}

function ruleFrom(form: Record<string, string>): ReceptionRule | undefined {
  const onNonWorkingDay = POLICY.some(([k]) => k === form.policy) ? (form.policy as ReceptionRule['onNonWorkingDay']) : 'next';
  if (form.kind === 'day_of_month') {
    const day = Number(form.day);
    return Number.isInteger(day) && day >= 1 && day <= 31 ? { kind: 'day_of_month', day, onNonWorkingDay } : undefined;
  }
  const n = Number(form.n);
  const weekday = Number(form.weekday);
  if (!NTH.some(([v]) => v === n) || !(weekday >= 1 && weekday <= 7)) return undefined;
  return { kind: 'nth_weekday', n: n as 1 | 2 | 3 | 4 | -1, weekday, onNonWorkingDay };
}

function ruleForm(c: ConsoleCtx, id: number, rule: ReceptionRule): Html {
  const nth = rule.kind === 'nth_weekday' ? rule : undefined;
  const day = rule.kind === 'day_of_month' ? rule.day : 1;
  const sel = (on: boolean) => (on ? html` selected` : '');
  return html`<form method="post" action="/console/stations/${id}/rule">${csrfField(c.csrf)}
<label for="kind-${id}">规则</label><select id="kind-${id}" name="kind"><option value="nth_weekday"${sel(!!nth)}>每月第几个星期几</option><option value="day_of_month"${sel(!nth)}>每月几日</option></select>
<label for="n-${id}">第几个</label><select id="n-${id}" name="n">${NTH.map(([v, l]) => html`<option value="${v}"${sel(nth?.n === v)}>${l}</option>`)}</select>
<label for="weekday-${id}">星期</label><select id="weekday-${id}" name="weekday">${WEEKDAYS.map((w, i) => html`<option value="${i + 1}"${sel(nth?.weekday === i + 1)}>星期${w}</option>`)}</select>
<label for="day-${id}">几日（按日期时）</label><input id="day-${id}" name="day" type="number" min="1" max="31" value="${day}">
<label for="policy-${id}">遇节假日</label><select id="policy-${id}" name="policy">${POLICY.map(([k, l]) => html`<option value="${k}"${sel(rule.onNonWorkingDay === k)}>${l}</option>`)}</select>
<div class="actions"><button class="secondary" name="step" value="preview">预览日期</button><button name="step" value="save">保存规则</button></div></form>`;
}

function warnings(years: number[]): Html {
  return html`${years.map((y) => html`<p class="error">${t.assumedYear(y)}</p>`)}`;
}
