// Unit tests of the browser client library, run with Node's built-in runner (node --test) by
// ClientLibraryNodeTest in the Maven build. The browser is replaced by fakes: storage, fetch, WebSocket
// and timers, so every step is deterministic.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import {
  AppMsgClient, Cursor, Sequencer, backoffDelay, browserTag, sessionIdFor,
} from '../../main/resources/webroot/js/appmsg.js';

const CHROME = 'Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/120.0.0.0 Safari/537.36';

class FakeStorage {
  constructor() { this.map = new Map(); }
  getItem(k) { return this.map.has(k) ? this.map.get(k) : null; }
  setItem(k, v) { this.map.set(k, String(v)); }
  removeItem(k) { this.map.delete(k); }
}

function sequence(...values) {
  let i = 0;
  return () => values[i++ % values.length];
}

test('session id is {uid}_{browser}-{version}-{random}, kept for the tab, one per user', () => {
  const tab = new FakeStorage();
  const id = sessionIdFor('42', tab, CHROME, sequence(0.1, 0.5, 0.9));
  assert.match(id, /^42_Chrome-120-[0-9a-z]{8}$/);
  assert.equal(sessionIdFor('42', tab, CHROME), id, 'a reload of the tab keeps its session');
  const other = sessionIdFor('43', tab, CHROME);
  assert.match(other, /^43_Chrome-120-/);
  assert.notEqual(sessionIdFor('42', new FakeStorage(), CHROME, sequence(0.7)), id, 'another tab, another id');
});

test('browser tag falls back to the legacy Mozilla-5 and uses only allowed characters', () => {
  assert.equal(browserTag(''), 'Mozilla-5');
  assert.equal(browserTag('Mozilla/5.0 (X11; rv:121.0) Gecko/20100101 Firefox/121.0'), 'Firefox-121');
  assert.equal(browserTag(CHROME + ' Edg/120.0.2210.91'), 'Edge-120');
  assert.match(browserTag(CHROME), /^[A-Za-z0-9][A-Za-z0-9.:+=-]*$/);
});

test('the cursor is kept per user and never moves back or on a live-only mid', () => {
  const shared = new FakeStorage();
  const alice = new Cursor('alice', shared);
  const bob = new Cursor('bob', shared);
  alice.advance(7);
  bob.advance(3);
  alice.advance(5);
  alice.advance(0);
  assert.equal(alice.get(), 7);
  assert.equal(bob.get(), 3);
  assert.equal(new Cursor('alice', shared).get(), 7, 'another tab of the same user reads it');
});

test('backoff doubles from 0.5 s up to 30 s, with jitter in the upper half', () => {
  assert.equal(backoffDelay(0, () => 0), 250);
  assert.equal(backoffDelay(0, () => 1), 500);
  assert.equal(backoffDelay(3, () => 1), 4000);
  assert.equal(backoffDelay(3, () => 0), 2000);
  assert.equal(backoffDelay(20, () => 1), 30000);
  assert.equal(backoffDelay(200, () => 0), 15000);
  for (let a = 0; a < 10; a++) {
    const d = backoffDelay(a);
    const ceiling = Math.min(30000, 500 * 2 ** a);
    assert.ok(d >= ceiling / 2 && d <= ceiling, `attempt ${a}: ${d}`);
  }
});

function entry(mid, content = `m${mid}`) {
  return { mid, gid: 0, msg: { content } };
}

function sequencer(mailbox, start = 0) {
  const delivered = [];
  const fetches = [];
  const cursor = new Cursor('u', new FakeStorage());
  cursor.advance(start);
  const s = new Sequencer({
    cursor,
    deliver: (e) => delivered.push(e.mid === 0 ? `live:${e.msg.content}` : e.mid),
    fetchAfter: async (mid) => {
      fetches.push(mid);
      const after = mailbox.filter((e) => e.mid > mid);
      return { entries: after.slice(0, 2), more: after.length > 2 };
    },
    schedule: () => {},
  });
  return { s, delivered, fetches, cursor };
}

test('replayed and live copies of one mid are handed over once, in order', async () => {
  const { s, delivered, fetches } = sequencer([]);
  for (const mid of [1, 2, 2, 1, 3, 3]) s.offer(entry(mid));
  assert.deepEqual(delivered, [1, 2, 3]);
  assert.deepEqual(fetches, [], 'no gap, no fetch');
});

test('a gap is filled from the mailbox in pages, then the held live entry follows', async () => {
  const mailbox = [1, 2, 3, 4, 5, 6].map((m) => entry(m));
  const { s, delivered, fetches, cursor } = sequencer(mailbox, 1);
  s.offer(entry(6));
  s.offer(entry(6));
  await s.fill();
  assert.deepEqual(delivered, [2, 3, 4, 5, 6]);
  assert.deepEqual(fetches, [1, 3, 6]);
  assert.equal(cursor.get(), 6);
  s.offer(entry(4));
  s.offer(entry(7));
  assert.deepEqual(delivered, [2, 3, 4, 5, 6, 7]);
});

test('an expired mid inside a gap does not stall delivery', async () => {
  const mailbox = [entry(1), entry(3)];
  const { s, delivered } = sequencer(mailbox);
  s.offer(entry(1));
  s.offer(entry(3));
  await s.fill();
  assert.deepEqual(delivered, [1, 3]);
});

test('live-only messages (mid 0) are delivered at once and do not move the cursor', async () => {
  const { s, delivered, cursor } = sequencer([]);
  s.offer(entry(1));
  s.offer(entry(0, 'typing'));
  s.offer(entry(0, 'typing'));
  assert.deepEqual(delivered, [1, 'live:typing', 'live:typing']);
  assert.equal(cursor.get(), 1);
});

test('catchUp reads the sender\'s own copy, which the sending tab does not get live', async () => {
  const mailbox = [entry(1), entry(2)];
  const { s, delivered } = sequencer(mailbox, 1);
  s.catchUp(2);
  await s.fill();
  assert.deepEqual(delivered, [2]);
});

// --- the client against a fake server ---

class FakeSocket {
  static all = [];
  constructor(url) {
    this.url = new URL(url);
    this.sent = [];
    this.closed = null;
    FakeSocket.all.push(this);
  }
  send(d) { this.sent.push(d); }
  close(code) { if (!this.closed) { this.closed = code; } }
  serverSends(text) { this.onmessage({ data: text }); }
  serverCloses(code) { this.closed = code; this.onclose({ code }); }
}

function world({ mailbox = [], pushAnswer } = {}) {
  FakeSocket.all = [];
  const timers = [];
  const requests = [];
  const fetch = async (url, init) => {
    const u = new URL(url);
    const body = init && init.body ? JSON.parse(init.body) : null;
    requests.push({ path: u.pathname, query: Object.fromEntries(u.searchParams), body });
    let answer;
    if (u.pathname === '/1/server/get') answer = { ret: 0, data: { server: '127.0.0.1:6968' } };
    else if (u.pathname === '/1/msg/get') {
      const m = Number(u.searchParams.get('m'));
      const msgs = mailbox.filter((e) => e.mid > m);
      answer = msgs.length ? { ret: 0, data: { msgs, more: false } } : { ret: 0 };
    } else if (u.pathname.endsWith('/push')) answer = pushAnswer;
    else answer = { baseResponse: { ret: 0, errMsg: '' } };
    return { status: 200, json: async () => answer };
  };
  const env = {
    WebSocket: FakeSocket, fetch, random: () => 0.5, userAgent: CHROME,
    localStorage: new FakeStorage(), sessionStorage: new FakeStorage(),
    setTimeout: (fn, ms) => { const t = { fn, ms, done: false }; timers.push(t); return t; },
    clearTimeout: (t) => { if (t) t.done = true; },
  };
  // Fires the pending timers due within `upTo` ms, shortest first (not the ones they schedule).
  const runTimers = async (upTo = Infinity) => {
    const due = timers.filter((t) => !t.done && t.ms <= upTo).sort((a, b) => a.ms - b.ms);
    for (const t of due) { t.done = true; t.fn(); }
    await settle();
    return due.map((t) => t.ms);
  };
  return { env, requests, timers, runTimers };
}

const settle = () => new Promise((r) => setImmediate(r));

function client(env, extra = {}) {
  const c = new AppMsgClient({ server: 'http://127.0.0.1:8090', uid: 'alice', token: 'tok', env, ...extra });
  const seen = { messages: [], events: [] };
  c.on('message', (m) => seen.messages.push(m.mid === 0 ? `live:${m.msg.content}` : m.mid));
  for (const type of ['signin', 'toomany', 'state']) c.on(type, (d) => seen.events.push(type === 'state' ? d : type));
  return { c, seen };
}

test('the client asks /1/server/get, subscribes the tab session, answers heartbeats', async () => {
  const { env, requests, runTimers } = world();
  const { c, seen } = client(env);
  c.start();
  await settle();
  assert.equal(requests[0].path, '/1/server/get');
  assert.equal(requests[0].query.k, `${c.sessionId}@user`);
  const ws = FakeSocket.all[0];
  assert.equal(ws.url.host, '127.0.0.1:6968');
  assert.equal(ws.url.pathname, '/sub');
  assert.equal(ws.url.searchParams.get('key'), `${c.sessionId}@user`);
  assert.match(ws.url.searchParams.get('key'), /^alice_Chrome-120-[0-9a-z]{8}@user$/);
  assert.equal(ws.url.searchParams.get('ver'), '1');
  assert.equal(ws.url.searchParams.get('mid'), '0', 'a first connect replays the whole mailbox');
  ws.serverSends('+h\r\n');
  assert.equal(c.state, 'open');
  const fired = await runTimers(60000);
  assert.deepEqual(fired, [45000], 'heartbeat every 3/4 of 60 s');
  assert.deepEqual(ws.sent, ['h']);
  ws.serverSends('{"msg":{"content":"a"},"mid":1,"gid":0}');
  ws.serverSends('{"msg":"{\\"content\\":\\"b\\"}","mid":2,"gid":0}');
  assert.deepEqual(seen.messages, [1, 2]);
  c.stop();
});

test('with prefetch a fresh start reads the mailbox over HTTP, then subscribes after its last mid', async () => {
  const mailbox = [1, 2, 3].map((m) => entry(m));
  const { env, requests } = world({ mailbox });
  const { c, seen } = client(env, { prefetch: true, since: 0 });
  c.start();
  await settle();
  await settle();
  const get = requests.find((r) => r.path === '/1/msg/get');
  assert.equal(get.query.m, '0');
  assert.deepEqual(seen.messages, [1, 2, 3], 'delivered in order before the socket opens');
  const ws = FakeSocket.all[0];
  assert.equal(ws.url.searchParams.get('mid'), '3', 'the socket replays only what came after the page');
  ws.serverSends('+h\r\n');
  ws.serverSends(JSON.stringify(entry(3))); // a duplicate of the page's last entry is dropped
  mailbox.push(entry(4), entry(5));
  ws.serverSends(JSON.stringify(entry(5))); // beyond a gap: 4 is read from the mailbox
  await settle();
  await settle();
  assert.deepEqual(seen.messages, [1, 2, 3, 4, 5]);
  c.stop();
});

test('with prefetch a failing mailbox read still subscribes from the cursor', async () => {
  const { env, requests } = world();
  const fetch = env.fetch;
  env.fetch = async (url, init) => (new URL(url).pathname === '/1/msg/get' ? Promise.reject(new Error('down')) : fetch(url, init));
  const { c } = client(env, { prefetch: true });
  c.on('error', () => {});
  c.start();
  await settle();
  await settle();
  assert.equal(requests.filter((r) => r.path === '/1/server/get').length, 1);
  assert.equal(FakeSocket.all[0].url.searchParams.get('mid'), '0');
  c.stop();
});

test('after a drop it backs off, asks for a node again and resumes after the last mid', async () => {
  const mailbox = [1, 2, 3, 4].map((m) => entry(m));
  const { env, requests, runTimers } = world({ mailbox });
  const { c, seen } = client(env);
  c.start();
  await settle();
  let ws = FakeSocket.all[0];
  ws.serverSends('+h\r\n');
  ws.serverSends(JSON.stringify(entry(1)));
  ws.serverSends(JSON.stringify(entry(2)));
  ws.serverCloses(1006);
  assert.equal(c.state, 'waiting');
  let delays = await runTimers();
  assert.ok(delays.some((d) => d >= 250 && d <= 500), `first backoff ${delays}`);
  assert.equal(requests.filter((r) => r.path === '/1/server/get').length, 2);
  ws = FakeSocket.all[1];
  assert.equal(ws.url.searchParams.get('mid'), '2');
  ws.serverCloses(1006); // refused before +h: the attempt counter keeps growing
  delays = await runTimers();
  assert.ok(delays.some((d) => d >= 500 && d <= 1000), `second backoff ${delays}`);
  ws = FakeSocket.all[2];
  ws.serverSends('+h\r\n');
  ws.serverSends(JSON.stringify(entry(3)));
  ws.serverSends(JSON.stringify(entry(2)));
  ws.serverSends(JSON.stringify(entry(4)));
  assert.deepEqual(seen.messages, [1, 2, 3, 4]);
  ws.serverCloses(4003); // lifetime reached: reconnect at once, not after a backoff
  delays = await runTimers();
  assert.ok(delays.every((d) => d <= 250), `4003 reconnects at once: ${delays}`);
  assert.equal(FakeSocket.all[3].url.searchParams.get('mid'), '4');
  c.stop();
});

test('-a stops the client and asks the application to sign in; no reconnect follows', async () => {
  const { env, runTimers } = world();
  const { c, seen } = client(env);
  c.start();
  await settle();
  const ws = FakeSocket.all[0];
  ws.serverSends('-a\r\n');
  ws.serverCloses(1008);
  assert.ok(seen.events.includes('signin'));
  assert.equal(c.state, 'stopped');
  await runTimers();
  await runTimers();
  assert.equal(FakeSocket.all.length, 1, 'no second connection');
});

test('-c (too many sessions) stops the client with its own event', async () => {
  const { env, runTimers } = world();
  const { c, seen } = client(env);
  c.start();
  await settle();
  FakeSocket.all[0].serverSends('-c\r\n');
  FakeSocket.all[0].serverCloses(1008);
  await runTimers();
  assert.ok(seen.events.includes('toomany'));
  assert.equal(FakeSocket.all.length, 1);
});

test('a send pushes as the tab session and then reads the sender\'s copy from the mailbox', async () => {
  const mailbox = [entry(1, 'hello')];
  const { env, requests } = world({
    mailbox, pushAnswer: { baseResponse: { ret: 0, errMsg: '' }, msgID: '99', mid: 1, clientMsgId: 'c1' },
  });
  const { c, seen } = client(env);
  const answer = await c.send({ to: 'bob@user', content: 'hello', clientMsgId: 'c1' });
  assert.equal(answer.mid, 1);
  const push = requests.find((r) => r.path.endsWith('/push'));
  assert.equal(push.body.baseRequest.token, 'tok');
  assert.equal(push.body.baseRequest.deviceID, c.sessionId.slice('alice_'.length));
  assert.deepEqual(push.body.msg, { fromUserName: 'alice@user', toUserName: 'bob@user', msgType: 1,
    content: 'hello', clientMsgId: 'c1' });
  await settle();
  await c.sequencer.fill();
  assert.deepEqual(seen.messages, [1]);
});

test('an HTTP token refusal raises signin; a permission refusal does not', async () => {
  const { env } = world();
  const { c, seen } = client(env);
  env.fetch = async () => ({ status: 200, json: async () => ({ baseResponse: { ret: 65533, errMsg: 'role does not allow' } }) });
  c.env.fetch = env.fetch;
  await assert.rejects(c.call('updateQunTopic', {}), /role does not allow/);
  assert.ok(!seen.events.includes('signin'));
  c.env.fetch = async () => ({ status: 200, json: async () => ({ baseResponse: { ret: 65533, errMsg: 'token is unknown or expired' } }) });
  await assert.rejects(c.call('getOrgInfo', {}), /token is unknown/);
  assert.ok(seen.events.includes('signin'));
});

test('two users in one browser keep separate cursors', async () => {
  const { env } = world();
  const a = new AppMsgClient({ server: 'http://h', uid: 'alice', token: 't', env });
  const b = new AppMsgClient({ server: 'http://h', uid: 'bob', token: 't', env });
  a.sequencer.offer(entry(1));
  a.sequencer.offer(entry(2));
  b.sequencer.offer(entry(1));
  assert.equal(a.lastMid, 2);
  assert.equal(b.lastMid, 1);
  assert.equal(new AppMsgClient({ server: 'http://h', uid: 'bob', token: 't', env }).lastMid, 1);
  assert.equal(new AppMsgClient({ server: 'http://h', uid: 'bob', token: 't', env, since: 0 }).lastMid, 0);
});
