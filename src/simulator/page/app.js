// The simulator page: pick a demo person, then one of their conversations — the private chat
// with the app, or a group chat with the robot — type as them, and see what the bot sends.
// Typed text and button clicks go to /sim/api, which sends real encrypted callbacks. The
// clock control moves local mode's clock (POST /sim/clock) so the notice calendar happens.
import { mountClock } from './clock.js';
import { el, formatShanghai } from './format.js';

const state = {
  userId: null, person: null, chat: null, names: new Map(), version: -1, polling: 0, abort: null, lastId: 0,
  messages: [],
  /** `${messageId}|${key}` of card buttons whose click is in flight. */
  clicking: new Set(),
};
const $ = (id) => document.getElementById(id);
const BOT_NAME = '人大代表履职助手';
const SENDING = '发送中…';

async function api(path, body, signal) {
  const init = body ? { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) } : {};
  const res = await fetch(path, { ...init, signal });
  if (!res.ok) {
    const detail = await res.json().then((j) => j.message || j.error || '', () => '');
    throw new Error(`HTTP ${res.status}${detail ? `：${detail}` : ''}`);
  }
  return res.json();
}

/** A one-line notice above the composer (delivery errors, lost connection); '' hides it. */
function notice(text, kind = '') {
  $('status').textContent = text;
  $('status').dataset.kind = text ? kind : '';
  $('status').hidden = !text;
}

function rolesText(person) {
  return person.roles.join('；') || '（无职务）';
}

/** Shows where the person is (企业微信 / 钉钉) and moves them to the other platform. */
function platformSwitch(p) {
  const onDingtalk = p.platform === 'dingtalk';
  const button = el('button', 'platform-switch', onDingtalk ? '钉钉 · 改用企业微信' : '企业微信 · 改用钉钉');
  button.type = 'button';
  button.dataset.platform = p.platform;
  button.addEventListener('click', async (event) => {
    event.stopPropagation();
    try {
      await api('/sim/api/platform', { userId: p.userId, platform: onDingtalk ? 'wecom' : 'dingtalk' });
    } catch (err) {
      notice(`切换失败：${err.message}`, 'error');
    }
    await loadPeople();
  });
  return button;
}

async function loadPeople() {
  const list = $('people-list');
  let people;
  try {
    people = await api('/sim/api/people');
  } catch (err) {
    list.replaceChildren(el('li', 'people-error', `通讯录加载失败（${err.message}），请刷新页面。`));
    return;
  }
  for (const p of people) state.names.set(p.userId, p.name);
  list.replaceChildren(...people.map((p) => {
    const li = document.createElement('li');
    li.dataset.userId = p.userId;
    li.tabIndex = 0; // reachable with Tab, picked with Enter or Space
    li.setAttribute('role', 'button');
    li.append(el('div', 'person-name', p.name), el('div', 'person-roles', rolesText(p)));
    if (p.platform) li.append(platformSwitch(p));
    li.addEventListener('click', () => choose(p));
    li.addEventListener('keydown', (event) => {
      if (event.key !== 'Enter' && event.key !== ' ') return;
      event.preventDefault();
      choose(p);
    });
    return li;
  }));
}

async function choose(person) {
  state.userId = person.userId;
  state.person = person;
  stopPolling();
  render([]);
  for (const li of document.querySelectorAll('#people-list li')) {
    const active = li.dataset.userId === person.userId;
    li.classList.toggle('active', active);
    li.setAttribute('aria-pressed', String(active));
  }
  let chats;
  try {
    chats = await api(`/sim/api/chats?userId=${encodeURIComponent(person.userId)}`);
  } catch (err) {
    if (state.userId === person.userId) notice(`${person.name}的会话加载失败：${err.message}`, 'error');
    return;
  }
  if (state.userId !== person.userId) return; // another person was picked meanwhile
  renderSwitcher(chats);
  openChat(chats[0]);
}

/** Ends the current long poll at once: left pending (up to 20 s), a few quick switches would
 *  use up the browser's six connections to this host and stall the page. */
function stopPolling() {
  state.polling++;
  state.abort?.abort();
  state.abort = null;
}

/** One tab per conversation: the private chat with the app first, then each group. */
function renderSwitcher(chats) {
  const nav = $('conversations');
  nav.replaceChildren(...chats.map((c) => {
    const button = el('button', 'conversation', c.kind === 'group' ? `${c.name}（群聊）` : '单聊');
    button.type = 'button';
    button.dataset.conversation = c.conversation;
    button.addEventListener('click', () => openChat(c));
    return button;
  }));
}

function openChat(chat) {
  state.chat = chat;
  state.version = -1;
  for (const b of document.querySelectorAll('#conversations button')) b.classList.toggle('active', b.dataset.conversation === chat.conversation);
  const { name, userId } = state.person;
  $('chat-title').textContent = chat.kind === 'group'
    ? `「${chat.name}」群聊（${chat.members.length} 人）· 以${name}的身份发言`
    : `${name}（${userId}）与「${BOT_NAME}」的对话`;
  $('chat-roles').textContent = `${name}：${rolesText(state.person)}`;
  $('input').placeholder = chat.kind === 'group' ? `在群里@${BOT_NAME}，例如：帮助` : '发消息给机器人，例如：帮助';
  $('input').disabled = false;
  $('send').disabled = false;
  $('input').focus();
  notice('');
  stopPolling();
  render([]);
  state.abort = new AbortController();
  poll(state.polling, state.abort.signal);
}

async function poll(generation, signal) {
  while (generation === state.polling) {
    try {
      const group = state.chat.kind === 'group' ? `&chatId=${encodeURIComponent(state.chat.chatId)}` : '';
      const data = await api(`/sim/api/messages?userId=${encodeURIComponent(state.userId)}${group}&version=${state.version}`, undefined, signal);
      if (generation !== state.polling) return;
      if ($('status').dataset.kind === 'offline') notice('');
      state.version = data.version;
      const before = state.lastId;
      render(data.messages);
      if (state.lastId !== before) clock?.reload(); // a message may mean a newly planned notice
    } catch {
      if (generation !== state.polling) return;
      notice('与模拟器的连接中断，正在重连…', 'offline');
      await new Promise((r) => setTimeout(r, 1000));
    }
  }
}

function render(messages) {
  state.messages = messages;
  const box = $('messages');
  const atBottom = box.scrollHeight - box.scrollTop - box.clientHeight < 40;
  const newestId = messages.at(-1)?.id ?? 0;
  if (messages.length) box.replaceChildren(...withTimes(messages));
  else box.replaceChildren(el('div', 'empty', state.userId ? '还没有消息。发送「帮助」看看机器人能做什么。' : ''));
  // Follow the chat when a message arrives or the reader is at the end already; someone who
  // scrolled up to read stays put when only a card changes or another chat wakes the poll.
  if (atBottom || newestId !== state.lastId) box.scrollTop = box.scrollHeight;
  state.lastId = newestId;
}

/** Messages with a time line wherever five minutes or more passed, as WeCom shows them. */
function withTimes(messages) {
  const nodes = [];
  let last = 0;
  for (const m of messages) {
    const at = Date.parse(m.at);
    if (at - last >= 5 * 60_000) nodes.push(el('div', 'time-line', formatShanghai(at)));
    last = at;
    nodes.push(renderMessage(m));
  }
  return nodes;
}

function senderName(from) {
  if (from === state.userId) return '我';
  if (from === 'bot') return BOT_NAME;
  return state.names.get(from) ?? from;
}

function renderMessage(m) {
  const mine = m.from === state.userId;
  const wrap = el('div', `msg ${mine ? 'mine' : 'theirs'}${m.from === 'bot' ? ' bot' : ''}`);
  wrap.dataset.messageId = m.id;
  const who = el('div', 'who', senderName(m.from));
  if (state.chat.kind !== 'group' && m.conversation.startsWith('chat:')) who.prepend(el('span', 'group-tag', '群聊'));
  wrap.append(who, m.kind === 'card' ? renderCard(m) : m.kind === 'file' ? renderFile(m) : el('div', 'bubble', withNames(m.text ?? '')));
  if (m.status === 'sending') wrap.append(el('div', 'delivery sending', SENDING));
  if (m.status === 'failed') wrap.append(el('div', 'delivery failed', '未送达'));
  return wrap;
}

/** A file message, as WeCom shows it: its name and size, opened (here: downloaded) on a click. */
function renderFile(m) {
  const link = el('a', 'bubble file', `📎 ${m.file.name}（${Math.max(1, Math.round(m.file.size / 1024))} KB）`);
  link.href = `/sim/api/files/${encodeURIComponent(m.file.mediaId)}?userId=${encodeURIComponent(state.userId)}`;
  link.download = m.file.name;
  return link;
}

/** WeCom shows a robot's `<@userid>` mention as @name. */
function withNames(text) {
  return text.replace(/<@([^>\s]+)>/g, (_, id) => `@${state.names.get(id) ?? id}`);
}

function renderCard(m) {
  const c = m.card;
  const card = el('div', 'card');
  card.dataset.taskId = c.task_id || '';
  if (c.source?.desc) card.append(el('div', 'card-source', c.source.desc));
  if (c.main_title?.title) card.append(el('div', 'card-title', c.main_title.title));
  if (c.main_title?.desc) card.append(el('div', 'card-desc', c.main_title.desc));
  if (c.emphasis_content?.title) {
    const e = el('div', 'card-emphasis');
    e.append(el('b', '', c.emphasis_content.title), el('span', 'card-desc', c.emphasis_content.desc || ''));
    card.append(e);
  }
  if (c.sub_title_text) card.append(el('div', 'card-quote', c.sub_title_text));
  if (c.horizontal_content_list?.length) {
    const dl = el('dl', 'card-fields');
    for (const f of c.horizontal_content_list) {
      const row = el('div', '');
      row.append(el('dt', '', f.keyname), el('dd', '', f.value));
      dl.append(row);
    }
    card.append(dl);
  }
  // replace_text: WeCom shows one grey button that cannot be pressed, under the same content.
  if (c.replace_text) card.append(settledButton(c.replace_text));
  else if (c.button_list?.length) card.append(renderButtons(m, c.button_list));
  return card;
}

function settledButton(text) {
  const row = el('div', 'card-buttons');
  const button = el('button', 'card-settled', text);
  button.type = 'button';
  button.disabled = true;
  row.append(button);
  return row;
}

function renderButtons(m, list) {
  const buttons = el('div', 'card-buttons');
  for (const b of list) {
    const id = `${m.id}|${b.key}`;
    const pending = state.clicking.has(id);
    const button = el('button', `style-${b.style || 2}${pending ? ' sending' : ''}`, pending ? SENDING : b.text);
    button.type = 'button';
    button.dataset.key = b.key;
    button.disabled = pending;
    button.addEventListener('click', () => click(m, b, id));
    buttons.append(button);
  }
  return buttons;
}

/** A click's callback is in flight until /sim/api/click answers: the button says so meanwhile. */
async function click(m, b, id) {
  if (state.clicking.has(id)) return;
  state.clicking.add(id);
  render(state.messages);
  try {
    await api('/sim/api/click', { userId: state.userId, messageId: m.id, key: b.key });
    notice('');
  } catch (err) {
    notice(`按钮「${b.text}」没有送达：${err.message}`, 'error');
  } finally {
    state.clicking.delete(id);
    render(state.messages);
  }
}

// Enter in the input submits the form. The text is cleared at once and put back if undelivered;
// the send button says 发送中… until the callback has been answered.
$('composer').addEventListener('submit', async (event) => {
  event.preventDefault();
  const input = $('input');
  const send = $('send');
  input.focus(); // clicking 发送 would otherwise leave the focus on the button
  const text = input.value.trim();
  if (!text || !state.userId || !state.chat || send.classList.contains('sending')) return;
  input.value = '';
  send.classList.add('sending');
  send.textContent = SENDING;
  const group = state.chat.kind === 'group' ? { chatId: state.chat.chatId } : {};
  try {
    await api('/sim/api/say', { userId: state.userId, text, ...group });
    notice('');
  } catch (err) {
    if (!input.value) input.value = text;
    notice(`消息没有送达：${err.message}`, 'error');
  } finally {
    send.classList.remove('sending');
    send.textContent = '发送';
  }
});

const clock = mountClock({ api, notice });
loadPeople();
