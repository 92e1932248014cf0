// 活动 · 日历: a month of activities and reception days (rule R1) on the organisation's working
// calendar — days off on weekdays and make-up working days (调休) marked with their names —
// in Asia/Shanghai, each activity linking to its page. On a phone the grid becomes a list of
// the days that have something on them (CSS only: one markup, no script).
import { parseMonth } from '../../domain/calendar/month-grid.ts';
import { formatTime, shanghaiParts, weekdayName } from '../../domain/shanghai-time.ts';
import { activityCalendar, type CalendarDay } from '../../services/console/activity-calendar.ts';
import { html, type Html } from '../html.ts';
import { consoleText as t } from '../messages.ts';
import { get } from '../routes.ts';

const c$ = t.calendarView;

export const activityCalendarPages = [
  get('/console/activities/calendar', 'lead', async (ctx, c) => {
    const asked = typeof ctx.query.month === 'string' ? ctx.query.month : undefined;
    const parsed = asked === undefined ? undefined : parseMonth(asked);
    const { year, month } = parsed ?? shanghaiParts(c.now).date;
    const cal = await activityCalendar(c.deps.db, c.person, year, month, c.now);
    const g = cal.grid;
    const nav = html`<p class="month-nav"><a class="button secondary" href="/console/activities/calendar?month=${g.previous}" rel="prev">← ${c$.previous}</a>
<a class="button secondary" href="/console/activities/calendar">${c$.thisMonth}</a>
<a class="button secondary" href="/console/activities/calendar?month=${g.next}" rel="next">${c$.next} →</a>
<a href="/console/activities">${c$.asList}</a></p>`;
    const head = [1, 2, 3, 4, 5, 6, 7].map((d) => html`<li class="head" aria-hidden="true">${weekdayName(d)}</li>`);
    const cells = g.weeks.flat().map((date) => (date ? dayCell(cal.days.get(date)!, cal.today) : html`<li class="pad" aria-hidden="true"></li>`));
    const busy = [...cal.days.values()].some((d) => d.activities.length || d.receptions.length);
    c.render(c$.title(g.year, g.monthNumber), html`${asked !== undefined && !parsed ? html`<p class="error">${c$.badMonth}</p>` : ''}${nav}
${cal.assumedYears.map((y) => html`<p class="error">${t.assumedYear(y)}</p>`)}
${cal.truncated ? html`<p class="error">${c$.truncated}</p>` : ''}
<p class="legend"><span class="tag off">${c$.off}</span> <span class="tag makeup">${c$.makeup}</span> <span class="tag reception">${c$.reception}</span></p>
${busy ? '' : html`<p class="muted">${c$.empty}</p>`}
<ol class="month" aria-label="${c$.title(g.year, g.monthNumber)}">${head}${cells}</ol>`, '/console/activities');
  }),
];

function dayCell(d: CalendarDay, today: string): Html {
  const classes = ['day', d.working ? '' : 'off', d.special === 'workday' ? 'makeup' : '', d.date === today ? 'today' : '', d.activities.length || d.receptions.length || d.special ? '' : 'empty'];
  const tag = d.special === 'workday' ? html`<span class="tag makeup">${d.name ? `${d.name} ` : ''}${c$.makeup}</span>`
    : d.name && !d.working ? html`<span class="tag off">${d.name}</span>` : d.special === 'holiday' ? html`<span class="tag off">${c$.off}</span>` : '';
  const items = [
    ...d.activities.map((a) => html`<li${a.status === 'cancelled' ? html` class="cancelled"` : ''}><a href="/console/activities/${a.id}">${formatTime(a.startAt)} ${a.title}</a>
<small>${a.unit.name}${a.status === 'cancelled' ? `（${c$.cancelled}）` : ''}</small></li>`),
    ...d.receptions.map((r) => html`<li class="reception">${c$.reception}<small>${r.unitName}</small></li>`),
  ];
  return html`<li class="${classes.filter(Boolean).join(' ')}" data-date="${d.date}"${d.date === today ? html` aria-current="date"` : ''}>
<div class="date"><span class="num">${Number(d.date.slice(8))}</span><span class="wd">${Number(d.date.slice(5, 7))}月${Number(d.date.slice(8))}日 ${weekdayName(d.weekday)}</span>${tag}</div>${items.length ? html`<ul>${items}</ul>` : ''}</li>`;
}
