// The simulator page: pick a demo person, then one of their conversations — the private chat
// with the app, or a group chat with the robot — type as them, and see what the bot sends.
// Typed text and button clicks go to /sim/api, which sends real encrypted callbacks.
const state = { userId: null, person: null, chat: null, names: new Map(), version: -1, polling: 0 };
const $ = (id) => document.getElementById(id);
const BOT_NAME = '人大代表履职助手';

async function api(path, body) {
  const res = await fetch(path, body ? { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) } : {});
  if (!res.ok) throw new Error(`${path}: HTTP ${res.status}`);
  return res.json();
}

async function loadPeople() {
  const people = await api('/sim/api/people');
  for (const p of people) state.names.set(p.userId, p.name);
  const list = $('people-list');
  list.replaceChildren(...people.map((p) => {
    const li = document.createElement('li');
    li.dataset.userId = p.userId;
    li.append(el('div', 'person-name', p.name), el('div', 'person-roles', p.roles.join('；') || '（无职务）'));
    li.addEventListener('click', () => choose(p));
    return li;
  }));
}

async function choose(person) {
  state.userId = person.userId;
  state.person = person;
  state.polling++; // stops the previous conversation's long poll
  $('messages').replaceChildren();
  for (const li of document.querySelectorAll('#people-list li')) li.classList.toggle('active', li.dataset.userId === person.userId);
  const chats = await api(`/sim/api/chats?userId=${encodeURIComponent(person.userId)}`);
  if (state.userId !== person.userId) return; // another person was picked meanwhile
  renderSwitcher(chats);
  openChat(chats[0]);
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
  $('input').placeholder = chat.kind === 'group' ? `在群里@${BOT_NAME}，例如：帮助` : '发消息给机器人，例如：帮助';
  $('input').disabled = false;
  $('send').disabled = false;
  $('input').focus();
  $('messages').replaceChildren();
  poll(++state.polling);
}

async function poll(generation) {
  while (generation === state.polling) {
    try {
      const group = state.chat.kind === 'group' ? `&chatId=${encodeURIComponent(state.chat.chatId)}` : '';
      const data = await api(`/sim/api/messages?userId=${encodeURIComponent(state.userId)}${group}&version=${state.version}`);
      if (generation !== state.polling) return;
      state.version = data.version;
      render(data.messages);
    } catch {
      await new Promise((r) => setTimeout(r, 1000));
    }
  }
}

function render(messages) {
  const box = $('messages');
  const atBottom = box.scrollHeight - box.scrollTop - box.clientHeight < 40;
  box.replaceChildren(...messages.map(renderMessage));
  if (atBottom || messages.length) box.scrollTop = box.scrollHeight;
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
  wrap.append(who, m.kind === 'card' ? renderCard(m) : el('div', 'bubble', withNames(m.text ?? '')));
  return wrap;
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
  const settled = c.replaced_button || c.replace_text;
  if (settled) card.append(el('div', 'card-settled', settled));
  else if (c.button_list?.length) card.append(renderButtons(m, c.button_list));
  return card;
}

function renderButtons(m, list) {
  const buttons = el('div', 'card-buttons');
  for (const b of list) {
    const button = el('button', `style-${b.style || 2}`, b.text);
    button.type = 'button';
    button.dataset.key = b.key;
    button.addEventListener('click', async () => {
      button.disabled = true;
      try {
        await api('/sim/api/click', { userId: state.userId, messageId: m.id, key: b.key });
      } finally {
        button.disabled = false;
      }
    });
    buttons.append(button);
  }
  return buttons;
}

function el(tag, className, text) {
  const node = document.createElement(tag);
  if (className) node.className = className;
  if (text !== undefined) node.textContent = text;
  return node;
}

$('composer').addEventListener('submit', async (event) => {
  event.preventDefault();
  const text = $('input').value.trim();
  if (!text || !state.userId || !state.chat) return;
  $('input').value = '';
  const group = state.chat.kind === 'group' ? { chatId: state.chat.chatId } : {};
  await api('/sim/api/say', { userId: state.userId, text, ...group });
});

loadPeople();
