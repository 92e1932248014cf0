// The simulator page: pick a demo person, type as them, see what the bot sends them.
// Typed text and button clicks go to /sim/api, which sends real encrypted callbacks.
const state = { userId: null, version: -1, polling: 0 };
const $ = (id) => document.getElementById(id);

async function api(path, body) {
  const res = await fetch(path, body ? { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) } : {});
  if (!res.ok) throw new Error(`${path}: HTTP ${res.status}`);
  return res.json();
}

async function loadPeople() {
  const people = await api('/sim/api/people');
  const list = $('people-list');
  list.replaceChildren(...people.map((p) => {
    const li = document.createElement('li');
    li.dataset.userId = p.userId;
    li.append(el('div', 'person-name', p.name), el('div', 'person-roles', p.roles.join('；') || '（无职务）'));
    li.addEventListener('click', () => choose(p));
    return li;
  }));
}

function choose(person) {
  state.userId = person.userId;
  state.version = -1;
  for (const li of document.querySelectorAll('#people-list li')) li.classList.toggle('active', li.dataset.userId === person.userId);
  $('chat-title').textContent = `${person.name}（${person.userId}）与「人大代表履职助手」的对话`;
  $('input').disabled = false;
  $('send').disabled = false;
  $('input').focus();
  $('messages').replaceChildren();
  poll(++state.polling);
}

async function poll(generation) {
  while (generation === state.polling) {
    try {
      const data = await api(`/sim/api/messages?userId=${encodeURIComponent(state.userId)}&version=${state.version}`);
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

function renderMessage(m) {
  const mine = m.from === state.userId;
  const wrap = el('div', `msg ${mine ? 'mine' : 'theirs'}`);
  wrap.dataset.messageId = m.id;
  const who = el('div', 'who', mine ? '我' : '人大代表履职助手');
  if (m.conversation.startsWith('chat:')) who.prepend(el('span', 'group-tag', '群聊'));
  wrap.append(who, m.kind === 'card' ? renderCard(m) : el('div', 'bubble', m.text));
  return wrap;
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
  if (settled) {
    card.append(el('div', 'card-settled', settled));
  } else if (c.button_list?.length) {
    const buttons = el('div', 'card-buttons');
    for (const b of c.button_list) {
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
    card.append(buttons);
  }
  return card;
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
  if (!text || !state.userId) return;
  $('input').value = '';
  await api('/sim/api/say', { userId: state.userId, text });
});

loadPeople();
