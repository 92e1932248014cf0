// The clock control (local mode): the simulated time, and buttons that move it forward. The
// server walks through every due moment on the way and answers once all of it reached the
// simulated WeCom, so the cards and reminders appear in the chats in the order they fell due.
import { formatShanghai } from './format.js';

/** What the next planned row is, in words (the kinds of src/repositories/schedule-repo.ts). */
function describe(next) {
  if (next.source === 'run') return '季度工作提醒';
  if (next.source === 'suggestion') return '建议办理期限提醒';
  const [kind, days] = next.kind.split(':');
  const what = {
    notice: Number(days) > 0 ? `活动通知（提前 ${days} 天）` : '活动通知',
    reminder: '未回复提醒', dayof: '当天提醒', committee: '报告提醒', staff: '值班安排通知',
    summary: '活动结束：考勤和报告草稿', approval: '请假审批提醒',
  }[kind] ?? '通知';
  return next.title ? `${what}「${next.title}」` : what;
}

export function mountClock({ api, notice }) {
  const box = document.getElementById('clock');
  const nowEl = document.getElementById('clock-now');
  const hint = document.getElementById('clock-hint');
  const nextButton = document.getElementById('clock-next');
  const buttons = [...box.querySelectorAll('button')];
  const s = { now: 0, at: 0, next: null, busy: false, loaded: false };

  const current = () => s.now + (performance.now() - s.at);
  function set(nowIso) {
    s.now = Date.parse(nowIso);
    s.at = performance.now();
    box.dataset.now = nowIso;
  }
  function show() {
    if (!s.loaded) return;
    nowEl.textContent = formatShanghai(current(), { year: true });
    box.dataset.busy = String(s.busy);
    for (const b of buttons) b.disabled = s.busy;
    nextButton.disabled = s.busy || !s.next;
    if (s.busy) hint.textContent = '时间推进中，其间到期的通知和提醒依次发出…';
    else hint.textContent = s.next ? `下一个：${formatShanghai(Date.parse(s.next.at))} ${describe(s.next)}` : '没有已安排的通知。';
  }
  async function load() {
    try {
      const c = await api('/sim/api/clock');
      set(c.now);
      s.next = c.next;
      s.loaded = true;
    } catch (err) {
      hint.textContent = `模拟时间读取失败：${err.message}`;
    }
    show();
  }
  async function advance(body) {
    if (s.busy) return;
    s.busy = true;
    show();
    try {
      set((await api('/sim/clock', body)).now);
      notice('');
    } catch (err) {
      notice(`时间没有拨动：${err.message}`, 'error');
    } finally {
      s.busy = false;
      await load();
    }
  }

  for (const b of box.querySelectorAll('button[data-minutes]')) {
    b.addEventListener('click', () => advance({ advanceMinutes: Number(b.dataset.minutes) }));
  }
  // The next planned row is read again on the click: publishing may have planned an earlier one.
  nextButton.addEventListener('click', async () => {
    await load();
    if (s.next) await advance({ to: s.next.at });
  });
  setInterval(show, 10_000);
  setInterval(() => !s.busy && load(), 60_000); // the next notice may have been planned meanwhile
  load();
  return { reload: load };
}
