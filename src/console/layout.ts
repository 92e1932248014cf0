// The console's page shell: one stylesheet served by the bot (no CDN), large type, high
// contrast, a menu that shows only what the person may open.
import { html, type Html } from './html.ts';
import { consoleText as t } from './messages.ts';

export interface NavItem {
  path: string;
  label: string;
  need: 'lead' | 'office';
}

export const NAV: NavItem[] = [
  { path: '/console', label: t.nav.today, need: 'lead' },
  { path: '/console/leave', label: t.nav.leave, need: 'lead' },
  { path: '/console/activities', label: t.nav.activities, need: 'lead' },
  { path: '/console/stations', label: t.nav.stations, need: 'lead' },
  { path: '/console/roster', label: t.nav.roster, need: 'office' },
  { path: '/console/calendar', label: t.nav.calendar, need: 'office' },
  { path: '/console/settings', label: t.nav.settings, need: 'office' },
  { path: '/console/outbox', label: t.nav.outbox, need: 'office' },
  { path: '/console/reception', label: t.nav.reception, need: 'office' },
  { path: '/console/suggestions', label: t.nav.suggestions, need: 'office' },
  { path: '/console/registers', label: t.nav.registers, need: 'office' },
];

export interface Shell {
  title: string;
  /** The signed-in person, for the menu; absent on the sign-in pages. */
  person?: { name: string; office: boolean };
  csrf?: string;
  flash?: string;
  current?: string;
}

export function page(shell: Shell, body: Html): Html {
  const nav = shell.person
    ? NAV.filter((n) => n.need === 'lead' || shell.person!.office).map(
        (n) => html`<a href="${n.path}"${n.path === shell.current ? html` aria-current="page"` : ''}>${n.label}</a>`,
      )
    : [];
  return html`<!doctype html>
<html lang="zh-CN"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<title>${shell.title} · ${t.appName}</title><link rel="stylesheet" href="/console/assets/console.css"></head>
<body><header><div class="brand">${t.appName}</div>${shell.person ? html`<div class="who">${t.signedInAs(shell.person.name)}
<form method="post" action="/console/logout" class="inline"><input type="hidden" name="_csrf" value="${shell.csrf}"><button class="link">${t.signOut}</button></form></div>` : ''}
${nav.length ? html`<nav>${nav}</nav>` : ''}</header>
<main><h1>${shell.title}</h1>${shell.flash ? html`<p class="flash" role="status">${shell.flash}</p>` : ''}${body}</main></body></html>`;
}

/** The hidden field every state-changing form carries. */
export function csrfField(csrf: string): Html {
  return html`<input type="hidden" name="_csrf" value="${csrf}">`;
}

export const CONSOLE_CSS = `
:root{--fg:#111;--bg:#fff;--accent:#0b3d91;--muted:#444;--line:#888;--warn:#8a1c1c;--ok:#0a5a2a}
*{box-sizing:border-box}
body{margin:0;font:20px/1.6 system-ui,"PingFang SC","Microsoft YaHei","Noto Sans CJK SC",sans-serif;color:var(--fg);background:var(--bg)}
header{background:var(--accent);color:#fff;padding:.5rem 1rem}
header .brand{font-weight:700;font-size:1.1rem}
header .who{display:flex;gap:1rem;align-items:center;flex-wrap:wrap}
header nav{display:flex;flex-wrap:wrap;gap:.25rem .5rem;margin-top:.4rem}
header nav a{color:#fff;padding:.3rem .6rem;border:2px solid transparent;border-radius:6px;text-decoration:none;font-weight:600}
summary.button{list-style:none;margin:.4rem 0}
header nav a[aria-current=page]{border-color:#fff;background:rgba(255,255,255,.15)}
main{padding:1rem;max-width:1100px;margin:0 auto}
h1{font-size:1.6rem;margin:.2rem 0 1rem}
h2{font-size:1.3rem;margin:1.5rem 0 .5rem;border-bottom:2px solid var(--line)}
a{color:var(--accent)}
.flash{background:#fff6d6;border:2px solid #b58900;padding:.6rem .8rem;border-radius:6px}
.error{color:var(--warn);font-weight:600}
.ok{color:var(--ok);font-weight:600}
.muted{color:var(--muted)}
table{border-collapse:collapse;width:100%;margin:.5rem 0}
th,td{border:1px solid var(--line);padding:.4rem .5rem;text-align:left;vertical-align:top}
th{background:#eef1f7}
button,.button{font:inherit;font-weight:600;padding:.5rem 1rem;min-height:48px;border:2px solid var(--accent);background:var(--accent);color:#fff;border-radius:6px;cursor:pointer;text-decoration:none;display:inline-block}
button.secondary{background:#fff;color:var(--accent)}
button.danger{background:var(--warn);border-color:var(--warn)}
button.link{background:none;border:none;color:#fff;text-decoration:underline;padding:0;min-height:0}
form.inline{display:inline}
label{display:block;margin:.6rem 0 .2rem;font-weight:600}
input,select,textarea{font:inherit;padding:.4rem;border:2px solid var(--line);border-radius:6px;width:100%;max-width:36rem;background:#fff;color:var(--fg)}
input[type=checkbox],input[type=radio]{width:auto;min-height:0}
.actions{display:flex;gap:.5rem;flex-wrap:wrap;margin:.6rem 0}
.cards{display:grid;gap:.8rem;grid-template-columns:repeat(auto-fill,minmax(300px,1fr))}
.card{border:2px solid var(--line);border-radius:8px;padding:.7rem}
.people{list-style:none;padding:0;display:grid;gap:.5rem;grid-template-columns:repeat(auto-fill,minmax(260px,1fr))}
.people button{width:100%;text-align:left}
fieldset{border:2px solid var(--line);border-radius:6px;margin:.6rem 0;max-width:36rem}
label.check{display:inline-flex;gap:.3rem;align-items:center;font-weight:400;margin:.2rem 1rem .2rem 0}
.steps>form,.steps>details{margin:.4rem 0}
ol.history li{margin:.2rem 0}
.month-nav{display:flex;gap:.5rem;flex-wrap:wrap;align-items:center}
.tag{display:inline-block;font-size:.8rem;font-weight:700;padding:0 .35rem;border-radius:4px;margin-left:.3rem;border:2px solid}
.tag.off{color:var(--warn);border-color:var(--warn)}
.tag.makeup{color:#5a3a00;border-color:#8a5a00;background:#fff1cc}
.tag.reception{color:var(--ok);border-color:var(--ok)}
.month{list-style:none;padding:0;margin:.5rem 0;display:grid;grid-template-columns:repeat(7,minmax(0,1fr));border-left:1px solid var(--line);border-top:1px solid var(--line)}
.month>li{border-right:1px solid var(--line);border-bottom:1px solid var(--line);padding:.25rem;min-height:6rem;min-width:0;overflow-wrap:anywhere}
.month>li.head{min-height:0;background:#eef1f7;font-weight:700;text-align:center}
.month>li.pad{background:#f4f4f4}
.month>li.off{background:#fbeeee}
.month>li.makeup{background:#fff8e0}
.month>li.today{outline:3px solid var(--accent);outline-offset:-3px}
.month .date .num{font-weight:700;font-size:1.1rem}
.month .date .wd{display:none}
.month ul{list-style:none;padding:0;margin:.2rem 0 0;font-size:.85rem;line-height:1.35}
.month ul li{margin:.15rem 0}
.month ul li small{display:block;color:var(--muted)}
.month ul li.cancelled a{text-decoration:line-through}
.month ul li.reception{color:var(--ok);font-weight:600}
@media (max-width:600px){.month{display:block;border:none}.month>li.head,.month>li.pad,.month>li.empty{display:none}.month>li{border:2px solid var(--line);border-radius:6px;margin:.5rem 0;min-height:0;padding:.5rem}.month .date .num{display:none}.month .date .wd{display:inline;font-weight:700}.month ul{font-size:1rem}}
@media (max-width:600px){body{font-size:19px}table,thead,tbody,tr,th,td{display:block}thead{display:none}tr{border:2px solid var(--line);margin:.5rem 0;border-radius:6px}td{border:none;border-bottom:1px solid #ccc}td[data-label]::before{content:attr(data-label)"：";font-weight:700}}
`;
