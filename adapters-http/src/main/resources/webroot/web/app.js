// The appmsg web app: sign-in, address book and message centre on top of /js/appmsg.js.
// No framework and no build step. Rules kept throughout: text from the server goes into the page only as
// textContent (never HTML), links and images only with http(s) addresses, and the token lives in this
// tab's sessionStorage, never in the page address or a log.
import { AppMsgClient, AppMsgError, login } from '/js/appmsg.js';

const NOTICE = 51;
const AUTH_SLOT = 'appmsg.web.auth';
const $ = (id) => document.getElementById(id);

let client = null;
let me = null; // {uid, token, member}
let conversations = new Map(); // peer name → {peer, title, group, messages, order}
let openPeer = null;
let order = 0;
let renderQueued = false;

// ---------- sign-in ----------

function showSignIn(message = '') {
  $('app').hidden = true;
  $('signin').hidden = false;
  $('signin-error').textContent = message;
  $('password').value = '';
  $('username').focus();
}

$('signin-form').addEventListener('submit', async (e) => {
  e.preventDefault();
  $('signin-error').textContent = '';
  $('signin-button').disabled = true;
  try {
    const answer = await login(location.origin, $('username').value.trim(), $('password').value,
      { deviceID: 'Web' });
    sessionStorage.setItem(AUTH_SLOT, JSON.stringify(answer));
    $('password').value = '';
    start(answer);
  } catch (err) {
    $('signin-error').textContent = err instanceof AppMsgError && err.ret === 65539
      ? 'Wrong user name or password.' : `Sign-in failed: ${err.message}`;
  } finally {
    $('signin-button').disabled = false;
  }
});

$('signout').addEventListener('click', async () => {
  const c = client;
  stopSession();
  if (c) await c.signOut().catch(() => {});
  showSignIn('Signed out.');
});

function stopSession() {
  if (client) client.stop();
  client = null;
  me = null;
  conversations = new Map();
  openPeer = null;
  sessionStorage.removeItem(AUTH_SLOT);
}

// ---------- the signed-in app ----------

function start(auth) {
  me = auth;
  conversations = new Map();
  openPeer = null;
  $('signin').hidden = true;
  $('app').hidden = false;
  $('me').textContent = displayName(auth.member) || auth.uid;
  $('messages').replaceChildren();
  $('chat-open').hidden = true;
  $('chat-empty').hidden = false;
  // since: 0 — the message centre is rebuilt from the whole mailbox on every load; prefetch reads it in
  // large HTTP pages instead of a frame-per-message socket replay (see docs/client-js.md, load time).
  client = new AppMsgClient({ uid: auth.uid, token: auth.token, since: 0, prefetch: true });
  client.on('message', onMessage);
  client.on('state', (s) => {
    $('connection').textContent = s === 'open' ? 'online' : s;
    $('connection').className = `connection ${s}`;
  });
  client.on('signin', () => {
    stopSession();
    showSignIn('Your session has ended. Please sign in again.');
  });
  client.on('toomany', () => {
    $('connection').textContent = 'too many open sessions: close another tab or device';
  });
  client.start();
  loadAddressBook();
}

function displayName(member) {
  return member ? (member.nickName || member.name || member.uid || '') : '';
}

// ---------- messages → conversations ----------

/** Which conversation a mailbox message belongs to, and the name to show for it. */
function conversationOf(msg) {
  const mine = `${me.uid}@user`;
  if (msg.msgType === NOTICE || String(msg.fromUserName).endsWith('@qun')) {
    return { peer: msg.fromUserName, title: msg.fromDisplayName, group: true };
  }
  if (String(msg.toUserName).endsWith('@qun')) {
    return { peer: msg.toUserName, title: msg.toDisplayName, group: true };
  }
  if (msg.fromUserName === mine) {
    return { peer: msg.toUserName, title: msg.toDisplayName, group: false };
  }
  return { peer: msg.fromUserName, title: msg.fromDisplayName, group: false };
}

/** A group member's copy carries "{fromUserName}|{name}|{nickName}&&{text}" (legacy): split it. */
function groupText(content) {
  const at = content.indexOf('&&');
  if (at < 0) return { sender: '', text: content };
  const head = content.slice(0, at).split('|');
  return { sender: head[2] || head[1] || head[0] || '', text: content.slice(at + 2) };
}

function onMessage({ mid, msg }) {
  const where = conversationOf(msg);
  let conv = conversations.get(where.peer);
  if (!conv) {
    conv = { peer: where.peer, title: where.title || where.peer, group: where.group, messages: [] };
    conversations.set(where.peer, conv);
  }
  if (where.title) conv.title = where.title;
  conv.messages.push({ mid, msg, mine: msg.fromUserName === `${me.uid}@user` });
  conv.order = ++order;
  scheduleRender(conv.peer);
}

// Unread counts: the highest mid read per conversation, kept per user in this browser.
function readMarks() {
  try {
    return JSON.parse(localStorage.getItem(`appmsg.web.read.${me.uid}`) || '{}');
  } catch {
    return {};
  }
}

function markRead(conv) {
  const marks = readMarks();
  const last = conv.messages.reduce((m, x) => Math.max(m, x.mid), 0);
  if ((marks[conv.peer] || 0) < last) {
    marks[conv.peer] = last;
    localStorage.setItem(`appmsg.web.read.${me.uid}`, JSON.stringify(marks));
  }
}

function unread(conv, marks) {
  const seen = marks[conv.peer] || 0;
  return conv.messages.filter((m) => !m.mine && m.mid > seen).length;
}

let dirtyPeers = new Set();
function scheduleRender(peer) {
  dirtyPeers.add(peer);
  if (renderQueued) return;
  renderQueued = true;
  requestAnimationFrame(() => {
    renderQueued = false;
    const touched = dirtyPeers;
    dirtyPeers = new Set();
    if (openPeer && touched.has(openPeer) && document.visibilityState !== 'hidden') {
      markRead(conversations.get(openPeer));
    }
    renderConversations();
    if (openPeer && touched.has(openPeer)) renderMessages();
  });
}

document.addEventListener('visibilitychange', () => {
  if (openPeer && me && document.visibilityState === 'visible') scheduleRender(openPeer);
});

function renderConversations() {
  const marks = readMarks();
  let total = 0;
  const items = [...conversations.values()].sort((a, b) => b.order - a.order).map((conv) => {
    const li = el('li', { className: `conversation${conv.peer === openPeer ? ' open' : ''}` });
    li.dataset.peer = conv.peer;
    const last = conv.messages[conv.messages.length - 1];
    li.append(el('span', { className: 'title', textContent: conv.title }),
      el('span', { className: 'preview', textContent: last ? preview(conv, last) : '' }));
    const n = unread(conv, marks);
    total += n;
    if (n > 0) li.append(el('span', { className: 'badge', textContent: String(n) }));
    li.addEventListener('click', () => openConversation(conv.peer, conv.title, conv.group));
    return li;
  });
  $('conversations').replaceChildren(...items);
  $('unread-total').hidden = total === 0;
  $('unread-total').textContent = String(total);
}

function preview(conv, m) {
  if (m.msg.msgType === NOTICE) return m.msg.content;
  if (m.msg.msgType !== 1) return kindLabel(m.msg);
  return conv.group && !m.mine ? groupText(m.msg.content).text : m.msg.content;
}

function kindLabel(msg) {
  return { 2: '[file]', 3: '[image]', 4: '[voice]', 5: '[link]' }[msg.msgType] || `[type ${msg.msgType}]`;
}

// ---------- the open conversation ----------

function openConversation(peer, title, group) {
  if (!conversations.has(peer)) {
    conversations.set(peer, { peer, title, group, messages: [], order: ++order });
  }
  openPeer = peer;
  showTab('messages');
  $('chat-empty').hidden = true;
  $('chat-open').hidden = false;
  $('chat-title').textContent = conversations.get(peer).title;
  $('group-manage').hidden = !group;
  $('group-panel').hidden = true;
  markRead(conversations.get(peer));
  renderConversations();
  renderMessages();
  $('compose-text').focus();
}

function renderMessages() {
  const conv = conversations.get(openPeer);
  if (!conv) return;
  $('chat-title').textContent = conv.title;
  const list = $('messages');
  list.replaceChildren(...conv.messages.map((m) => messageItem(conv, m)));
  list.scrollTop = list.scrollHeight;
}

function messageItem(conv, m) {
  const { msg } = m;
  if (msg.msgType === NOTICE) {
    return el('li', { className: 'notice', textContent: msg.content });
  }
  const li = el('li', { className: `message${m.mine ? ' mine' : ''}` });
  li.dataset.mid = String(m.mid);
  let text = msg.content;
  let sender = m.mine ? '' : (msg.fromDisplayName || msg.fromUserName);
  if (conv.group && !m.mine && String(msg.fromUserName).endsWith('@qun')) {
    const parsed = groupText(msg.content);
    text = parsed.text;
    sender = parsed.sender;
  }
  if (sender) li.append(el('span', { className: 'sender', textContent: sender }));
  li.append(body(msg, text));
  return li;
}

/** http(s) URL or null; the legacy file store handed out scheme-less "host:port/path". */
function safeUrl(raw) {
  if (typeof raw !== 'string' || raw === '') return null;
  const withScheme = /^[a-z][a-z0-9+.-]*:\/\//i.test(raw) ? raw : `http://${raw}`;
  try {
    const u = new URL(withScheme);
    return u.protocol === 'http:' || u.protocol === 'https:' ? u.href : null;
  } catch {
    return null;
  }
}

function link(href, text) {
  const a = el('a', { textContent: text });
  if (href) {
    a.href = href;
    a.target = '_blank';
    a.rel = 'noopener noreferrer';
  }
  return a;
}

function body(msg, text) {
  const oc = msg.objectContent || {};
  const up = oc.responseUpload || {};
  const div = el('div', { className: 'body' });
  switch (msg.msgType) {
    case 2:
      div.append(link(safeUrl(up.fileUrl), `📄 ${up.fileName || 'file'}`));
      break;
    case 3: {
      const url = safeUrl(up.fileUrl);
      const a = link(url, '');
      const img = el('img', { className: 'thumb', alt: up.fileName || 'image' });
      if (url) img.src = url;
      a.append(img);
      div.append(a);
      break;
    }
    case 4:
      div.append(link(safeUrl(up.fileUrl), `🎤 voice ${oc.duration != null ? `${oc.duration}s` : ''}`.trim()));
      break;
    case 5: {
      const url = safeUrl(oc.url);
      div.append(link(url, oc.title || oc.url || 'link'));
      if (oc.description) div.append(el('div', { className: 'description', textContent: oc.description }));
      break;
    }
    case 1:
      div.textContent = text;
      break;
    default:
      div.textContent = `${kindLabel(msg)} ${text}`;
  }
  return div;
}

$('compose').addEventListener('submit', async (e) => {
  e.preventDefault();
  const text = $('compose-text').value;
  if (!text.trim() || !openPeer || !client) return;
  $('send').disabled = true;
  try {
    await client.send({ to: openPeer, content: text, clientMsgId: `web-${Date.now()}` });
    $('compose-text').value = '';
  } catch (err) {
    alertIn('compose-text', err);
  } finally {
    $('send').disabled = false;
    $('compose-text').focus();
  }
});

function alertIn(id, err) {
  $(id).setCustomValidity(err.message);
  $(id).reportValidity();
  setTimeout(() => $(id).setCustomValidity(''), 3000);
}

// ---------- groups ----------

$('new-group').addEventListener('click', () => {
  $('group-topic').value = '';
  $('group-members-input').value = '';
  $('group-error').textContent = '';
  $('group-dialog').showModal();
});
$('group-cancel').addEventListener('click', () => $('group-dialog').close());

function uidList(text) {
  return text.split(',').map((s) => s.trim().replace(/@user$/, '')).filter(Boolean).map((uid) => ({ uid }));
}

$('group-form').addEventListener('submit', async (e) => {
  e.preventDefault();
  try {
    const answer = await client.call('create-qun', {
      topic: $('group-topic').value.trim(), memberList: uidList($('group-members-input').value),
    });
    $('group-dialog').close();
    openConversation(answer.ChatRoomName, answer.topic, true);
  } catch (err) {
    $('group-error').textContent = err.message;
  }
});

$('group-manage').addEventListener('click', () => {
  const panel = $('group-panel');
  panel.hidden = !panel.hidden;
  if (!panel.hidden) loadMembers();
});

async function loadMembers() {
  const peer = openPeer;
  try {
    const answer = await client.call('getQunMembers', { userName: peer });
    if (peer !== openPeer) return;
    $('rename-topic').value = answer.quninfo ? answer.quninfo.name : '';
    $('group-members').replaceChildren(...(answer.memberList || []).map((m) => {
      const li = el('li', { className: 'member', textContent: `${displayName(m)} ` });
      li.dataset.uid = m.uid;
      if (m.role === 0) li.append(el('span', { className: 'role', textContent: 'owner' }));
      if (m.role === 1) li.append(el('span', { className: 'role', textContent: 'admin' }));
      const remove = el('button', { type: 'button', className: 'remove', textContent: m.uid === me.uid ? 'Leave' : 'Remove' });
      remove.addEventListener('click', () => groupChange('delQunMember', { memberList: [{ uid: m.uid }] }));
      li.append(remove);
      return li;
    }));
  } catch (err) {
    $('group-members').replaceChildren(el('li', { className: 'error', textContent: err.message }));
  }
}

async function groupChange(route, body) {
  try {
    await client.call(route, { ChatRoomName: openPeer, ...body });
    await loadMembers();
  } catch (err) {
    $('group-members').prepend(el('li', { className: 'error', textContent: err.message }));
  }
}

$('rename-form').addEventListener('submit', (e) => {
  e.preventDefault();
  groupChange('updateQunTopic', { topic: $('rename-topic').value.trim() });
});
$('add-member-form').addEventListener('submit', (e) => {
  e.preventDefault();
  groupChange('addQunMember', { memberList: uidList($('add-member-uid').value) });
  $('add-member-uid').value = '';
});

// ---------- address book ----------

async function loadAddressBook() {
  try {
    const info = await client.call('getOrgInfo');
    const root = info.ognizationMemberList;
    $('starred').replaceChildren(...(info.starMemberList || []).map((m) => personItem(m)));
    $('org-tree').replaceChildren(...(root ? (root.memberList || []).map((o) => orgItem(o, info.userOgnization)) : []));
    // Open the user's own org and every org above it.
    for (let org = $('org-tree').querySelector('li.org.mine'); org; org = org.parentElement.closest('li.org')) {
      org.classList.add('expanded');
      org.load();
    }
  } catch (err) {
    if (!(err instanceof AppMsgError && err.ret === 65533)) {
      $('org-tree').replaceChildren(el('li', { className: 'error', textContent: err.message }));
    }
  }
}

function orgItem(org, mine) {
  const li = el('li', { className: `org${org.uid === mine ? ' mine' : ''}` });
  li.dataset.org = org.uid;
  const name = el('button', { type: 'button', className: 'org-name', textContent: org.nickName || org.uid });
  const people = el('ul', { className: 'list people' });
  const children = el('ul', { className: 'tree' });
  children.append(...(org.memberList || []).map((o) => orgItem(o, mine)));
  let loaded = false;
  li.load = async () => {
    if (loaded) return;
    loaded = true;
    try {
      const answer = await client.call('getOrgUserList', { orgid: org.uid });
      renderPeople(people, answer.memberList || []);
    } catch (err) {
      loaded = false;
      people.replaceChildren(el('li', { className: 'error', textContent: err.message }));
    }
  };
  name.addEventListener('click', () => {
    if (li.classList.toggle('expanded')) li.load();
  });
  li.append(name, people, children);
  return li;
}

// An org's people: the first screen at once, the rest in slices between frames, so that a large org
// (thousands of people) never holds the main thread while the mailbox is being replayed. `data-total`
// says how many the list will hold and `data-rendered` turns "true" once all of them are in the page.
// One delegated click listener per list instead of one per person.
const FIRST_PEOPLE = 100;
const PEOPLE_SLICE = 500;

function renderPeople(list, members) {
  const token = {};
  list.renderToken = token;
  list.dataset.total = String(members.length);
  list.dataset.rendered = 'false';
  if (!list.delegated) {
    list.delegated = true;
    list.addEventListener('click', (e) => {
      const li = e.target.closest('li.person');
      if (li && list.contains(li)) openConversation(`${li.dataset.uid}@user`, li.dataset.name, false);
    });
  }
  list.replaceChildren(peopleFragment(members, 0, FIRST_PEOPLE));
  let next = FIRST_PEOPLE;
  const more = () => {
    if (list.renderToken !== token) return; // re-rendered meanwhile
    if (next < members.length) {
      list.append(peopleFragment(members, next, next + PEOPLE_SLICE));
      next += PEOPLE_SLICE;
    }
    if (next < members.length) setTimeout(more, 0);
    else list.dataset.rendered = 'true';
  };
  if (next < members.length) setTimeout(more, 0);
  else list.dataset.rendered = 'true';
}

function peopleFragment(members, from, to) {
  const fragment = document.createDocumentFragment();
  for (let i = from; i < Math.min(to, members.length); i++) fragment.append(personItem(members[i], false));
  return fragment;
}

// `listen` false: the list delegates clicks (renderPeople).
function personItem(m, listen = true) {
  const li = el('li', { className: 'person' });
  li.dataset.uid = m.uid;
  li.dataset.name = displayName(m);
  li.append(el('span', { className: 'title', textContent: li.dataset.name }),
    el('span', { className: 'preview', textContent: m.uid }));
  if (listen) li.addEventListener('click', () => openConversation(`${m.uid}@user`, li.dataset.name, false));
  return li;
}

let searchTimer = null;
$('search').addEventListener('input', () => {
  clearTimeout(searchTimer);
  searchTimer = setTimeout(async () => {
    const key = $('search').value.trim();
    if (!key) {
      $('search-results').replaceChildren();
      return;
    }
    try {
      const answer = await client.call('search', { searchKey: key, searchType: 'user', limit: 50 });
      if ($('search').value.trim() === key) {
        $('search-results').replaceChildren(...(answer.memberList || []).map((m) => personItem(m)));
      }
    } catch (err) {
      $('search-results').replaceChildren(el('li', { className: 'error', textContent: err.message }));
    }
  }, 250);
});

// ---------- layout ----------

function showTab(name) {
  $('tab-messages').classList.toggle('active', name === 'messages');
  $('tab-contacts').classList.toggle('active', name === 'contacts');
  $('pane-messages').hidden = name !== 'messages';
  $('pane-contacts').hidden = name !== 'contacts';
}
$('tab-messages').addEventListener('click', () => showTab('messages'));
$('tab-contacts').addEventListener('click', () => showTab('contacts'));

function el(tag, props = {}) {
  return Object.assign(document.createElement(tag), props);
}

// ---------- boot ----------

const saved = sessionStorage.getItem(AUTH_SLOT);
if (saved) {
  try {
    start(JSON.parse(saved));
  } catch {
    stopSession();
    showSignIn();
  }
} else {
  showSignIn();
}
