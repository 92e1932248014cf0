// Small helpers shared by the page's modules.

export function el(tag, className, text) {
  const node = document.createElement(tag);
  if (className) node.className = className;
  if (text !== undefined) node.textContent = text;
  return node;
}

// Business time is Asia/Shanghai whatever the reader's zone, as everything the bot says.
const SHANGHAI = new Intl.DateTimeFormat('zh-CN', {
  timeZone: 'Asia/Shanghai', year: 'numeric', month: 'numeric', day: 'numeric', weekday: 'short', hour: '2-digit', minute: '2-digit', hourCycle: 'h23',
});

/** "11月26日（周四）09:00", or with the year in front. */
export function formatShanghai(ms, { year = false } = {}) {
  const p = Object.fromEntries(SHANGHAI.formatToParts(new Date(ms)).map((x) => [x.type, x.value]));
  return `${year ? `${p.year}年` : ''}${p.month}月${p.day}日（${p.weekday}）${p.hour}:${p.minute}`;
}
