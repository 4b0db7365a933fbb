// appmsg browser client: one connection per tab to an appmsg server's comet gateway, with resume,
// gap fetch and de-duplication, so that the application sees every message of the user's mailbox once
// and in mid order. An ES module without dependencies; served by the server at /js/appmsg.js, typed by
// /js/appmsg.d.ts, documented in docs/client-js.md.
//
// Wire contract (docs/api.md): the HTTP API answers /1/server/get (the WebSocket address), /1/msg/get
// (the mailbox after a mid) and /app/client/device/* (push, session state, sign-out); the WebSocket
// gateway sends "+h\r\n" on accept and for each heartbeat, "-a"/"-c"/"-p" status frames before refusing,
// and {"msg":{…},"mid":N,"gid":0} per message when subscribed with ver=1.

/** ret of an authentication or authorisation refusal. */
export const RET_AUTH = 65533;

/** Close codes after which the server asks for an immediate reconnect with mid (docs/api.md). */
const RECONNECT_AT_ONCE = new Set([1001, 4000, 4001, 4003]);

/** The mailbox page size asked of /1/msg/get when filling a gap (the server's maximum). */
const PAGE = 1000;

/**
 * An error answer of the server: `ret` is the legacy return code (65533 auth, 65534 malformed, …),
 * `message` its errMsg.
 */
export class AppMsgError extends Error {
  constructor(ret, message) {
    super(message || `ret ${ret}`);
    this.name = 'AppMsgError';
    this.ret = ret;
  }
}

/**
 * `{browser}-{major version}` from a user agent string, made of the characters a session id's device
 * part allows ([A-Za-z0-9.:+=-]); "Mozilla-5" when nothing better is found (legacy example).
 */
export function browserTag(userAgent) {
  const ua = String(userAgent || '');
  const probes = [[/Edg\/(\d+)/, 'Edge'], [/OPR\/(\d+)/, 'Opera'], [/Firefox\/(\d+)/, 'Firefox'],
    [/Chrome\/(\d+)/, 'Chrome'], [/Version\/(\d+).*Safari\//, 'Safari'], [/Mozilla\/(\d+)/, 'Mozilla']];
  for (const [re, name] of probes) {
    const m = re.exec(ua);
    if (m) return `${name}-${m[1]}`;
  }
  return 'Mozilla-5';
}

/**
 * The tab's session id `{uid}_{browser}-{version}-{random}`, kept in `tabStorage` (sessionStorage in a
 * browser: one per tab, kept across reloads of that tab) under a key per user, so a reload resumes the
 * same session and two users in one tab never share one.
 */
export function sessionIdFor(uid, tabStorage, userAgent, random = Math.random) {
  const slot = `appmsg.session.${uid}`;
  const kept = tabStorage ? tabStorage.getItem(slot) : null;
  if (kept && kept.startsWith(`${uid}_`)) return kept;
  let suffix = '';
  while (suffix.length < 8) suffix += Math.floor(random() * 36).toString(36);
  const id = `${uid}_${browserTag(userAgent)}-${suffix}`;
  if (tabStorage) tabStorage.setItem(slot, id);
  return id;
}

/**
 * The resume cursor of one user: the highest mid handed to the application, kept in `storage`
 * (localStorage in a browser) under a key per user, so two users of one browser never share a cursor.
 * It never moves backwards, whichever tab writes it.
 */
export class Cursor {
  constructor(uid, storage) {
    this.slot = `appmsg.cursor.${uid}`;
    this.storage = storage || null;
    this.memory = 0;
  }

  get() {
    const stored = this.storage ? Number(this.storage.getItem(this.slot)) : 0;
    return Math.max(this.memory, Number.isSafeInteger(stored) && stored > 0 ? stored : 0);
  }

  /** Moves the cursor to `mid` if that is further; 0 (a live-only message) never moves it. */
  advance(mid) {
    if (!(mid > this.get())) return;
    this.memory = mid;
    if (this.storage) this.storage.setItem(this.slot, String(mid));
  }

  clear() {
    this.memory = 0;
    if (this.storage) this.storage.removeItem(this.slot);
  }
}

/**
 * Delay before reconnect attempt `attempt` (0, 1, 2, …): exponential from `base` ms, capped at `max`,
 * with "equal jitter" (half fixed, half random) so that a server restart is not met by every client at
 * the same instant.
 */
export function backoffDelay(attempt, random = Math.random, base = 500, max = 30000) {
  const ceiling = Math.min(max, base * 2 ** Math.min(attempt, 30));
  return Math.round(ceiling / 2 + random() * (ceiling / 2));
}

/**
 * Puts mailbox entries {mid, msg} in order and hands each to `deliver` once. Mids of one mailbox are
 * 1, 2, 3… without gaps, so an entry beyond `last + 1` means something was stored that this connection
 * did not get live (a push aimed at other sessions, a message sent from this tab, a lost frame): it is
 * held, and `fetchAfter(last)` (→ {entries, more}) reads the mailbox from the cursor to fill the gap.
 * Entries with mid 0 are live-only (never stored) and are delivered at once without moving the cursor.
 */
export class Sequencer {
  constructor({ cursor, deliver, fetchAfter, onError = () => {}, schedule = (fn, ms) => setTimeout(fn, ms) }) {
    this.cursor = cursor;
    this.deliver = deliver;
    this.fetchAfter = fetchAfter;
    this.onError = onError;
    this.schedule = schedule;
    this.held = new Map();
    this.filling = null;
    this.wanted = 0;
  }

  get last() {
    return this.cursor.get();
  }

  /** One entry from the socket (replay or live). */
  offer(entry) {
    const mid = Number(entry.mid) || 0;
    if (mid === 0) {
      this.deliver(entry);
      return;
    }
    if (mid <= this.last || this.held.has(mid)) return;
    if (mid === this.last + 1 && this.held.size === 0 && !this.filling) {
      this.#hand(entry);
      return;
    }
    this.held.set(mid, entry);
    this.#drainHeld();
    if (this.held.size > 0) this.fill();
  }

  /** Makes sure everything stored up to `mid` is delivered (e.g. the sender's copy of a sent message). */
  catchUp(mid) {
    if (mid > this.last) {
      this.wanted = Math.max(this.wanted, mid);
      this.fill();
    }
  }

  /** Reads the mailbox after the cursor until nothing is missing; concurrent calls share one run. */
  fill() {
    if (this.filling) return this.filling;
    this.filling = (async () => {
      try {
        for (;;) {
          const page = await this.fetchAfter(this.last);
          for (const entry of page.entries) {
            const mid = Number(entry.mid) || 0;
            if (mid > this.last && !this.held.has(mid)) this.held.set(mid, entry);
          }
          // Everything stored after the cursor up to this page's end is now known: a mid missing below
          // it has expired, so the held entries up to there go out in order, gaps or not.
          const pageEnd = page.entries.length ? Number(page.entries[page.entries.length - 1].mid) : this.last;
          for (const mid of this.#heldMids()) {
            if (mid <= pageEnd) this.#hand(this.held.get(mid));
          }
          this.#drainHeld(true);
          if (page.more) continue;
          if (this.held.size === 0) break;
          if (page.entries.length === 0) {
            // The mailbox has nothing readable after the cursor, yet live entries are held beyond a
            // gap: the missing mids expired in between. Deliver what is held, in order.
            for (const mid of this.#heldMids()) this.#hand(this.held.get(mid));
            break;
          }
          // Held entries beyond a gap that was stored after this page was read: read again.
        }
        this.wanted = 0;
      } catch (e) {
        this.onError(e);
        this.schedule(() => this.held.size > 0 || this.wanted > this.last ? this.fill() : null, 2000);
      } finally {
        this.filling = null;
      }
    })();
    return this.filling;
  }

  #hand(entry) {
    const mid = Number(entry.mid);
    this.held.delete(mid);
    if (mid <= this.last) return;
    this.cursor.advance(mid);
    this.deliver(entry);
  }

  #drainHeld(evenWhileFilling = false) {
    while ((evenWhileFilling || !this.filling) && this.held.has(this.last + 1)) {
      this.#hand(this.held.get(this.last + 1));
    }
  }

  #heldMids() {
    return [...this.held.keys()].sort((a, b) => a - b);
  }
}

/** The message object of a frame or mailbox entry: with ver=1 an object, in the legacy format a string. */
function messageOf(entry) {
  return typeof entry.msg === 'string' ? JSON.parse(entry.msg) : entry.msg;
}

/** A token refusal, as opposed to "you may not do this" (both are ret 65533). */
function isTokenRefusal(ret, errMsg) {
  return ret === RET_AUTH && /^token is (unknown|invalid|not valid)/.test(String(errMsg || ''));
}

/**
 * Signs in with a user name (or e-mail) and password over POST /app/client/device/login.
 * Resolves to {uid, token, member}; rejects with AppMsgError(65539) on a wrong name or password.
 */
export async function login(server, userName, password, { deviceID = 'Web', fetch = globalThis.fetch } = {}) {
  const answer = await postJson(fetch, `${base(server)}/app/client/device/login`, {
    baseRequest: { uid: '', deviceID, deviceType: 'Web', token: '' }, userName, password,
  });
  return { uid: answer.uid, token: answer.token, member: answer.member };
}

function base(server) {
  return String(server || '').replace(/\/+$/, '');
}

async function postJson(fetch, url, body) {
  const res = await fetch(url, {
    method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify(body),
  });
  const answer = await res.json();
  const br = answer.baseResponse || { ret: -1, errMsg: `HTTP ${res.status}` };
  if (br.ret !== 0) throw new AppMsgError(br.ret, br.errMsg);
  return answer;
}

/**
 * One user's connection from one tab. Events (`on(type, fn)`):
 * - `message` {mid, msg, gid, live}: every mailbox message once, in mid order; live-only ones (mid 0) too;
 * - `state` 'connecting' | 'open' | 'waiting' | 'stopped';
 * - `signin`: the token was refused (socket `-a` or an HTTP 65533 about the token): the client has
 *   stopped and will not reconnect; sign in again and make a new client;
 * - `toomany`: the user already has the server's maximum of live sessions (`-c`); stopped;
 * - `error` (an Error): a failure the client handles itself (it retries), for logging.
 */
export class AppMsgClient {
  /**
   * @param {object} options server (http(s) origin of the API; default the page's), uid, token,
   *   heartbeat (s, 30-3600, default 60), since (start after this mid instead of the stored cursor;
   *   0 = the whole mailbox), prefetch (true: when nothing has been delivered yet, read the stored
   *   mailbox over HTTP in large pages before subscribing, instead of a frame-per-message replay), and
   *   for tests env {WebSocket, fetch, setTimeout, clearTimeout, random, localStorage, sessionStorage,
   *   userAgent, document}.
   */
  constructor({ server, uid, token, heartbeat = 60, since, prefetch = false, env = {} }) {
    if (!uid || !token) throw new TypeError('uid and token are required');
    const g = globalThis;
    this.env = {
      WebSocket: g.WebSocket, fetch: g.fetch ? g.fetch.bind(g) : undefined,
      setTimeout: g.setTimeout.bind(g), clearTimeout: g.clearTimeout.bind(g), random: Math.random,
      localStorage: g.localStorage, sessionStorage: g.sessionStorage,
      userAgent: g.navigator ? g.navigator.userAgent : '', document: g.document, ...env,
    };
    this.server = base(server || (g.location ? g.location.origin : ''));
    this.uid = String(uid);
    this.token = token;
    this.heartbeat = Math.min(3600, Math.max(30, heartbeat | 0));
    this.prefetch = !!prefetch;
    this.sessionId = sessionIdFor(this.uid, this.env.sessionStorage, this.env.userAgent, this.env.random);
    this.deviceID = this.sessionId.slice(this.uid.length + 1);
    this.key = `${this.sessionId}@user`;
    this.cursor = new Cursor(this.uid, this.env.localStorage);
    this.listeners = new Map();
    this.state = 'idle';
    this.attempt = 0;
    this.socket = null;
    this.timers = new Set();
    this.sequencer = new Sequencer({
      cursor: since === undefined ? this.cursor : new MemoryCursor(this.cursor, Number(since) || 0),
      deliver: (entry) => this.#emit('message', { mid: Number(entry.mid) || 0, gid: entry.gid || 0,
        msg: messageOf(entry), live: !!entry.live }),
      fetchAfter: (mid) => this.fetchAfter(mid),
      onError: (e) => this.#emit('error', e),
      schedule: (fn, ms) => this.#later(fn, ms),
    });
    this.onVisibility = () => this.#reportVisibility();
  }

  /** Subscribes `fn` to `type`; returns the function that unsubscribes it. */
  on(type, fn) {
    if (!this.listeners.has(type)) this.listeners.set(type, new Set());
    this.listeners.get(type).add(fn);
    return () => this.listeners.get(type).delete(fn);
  }

  /** The highest mid handed to the application. */
  get lastMid() {
    return this.sequencer.last;
  }

  /** Connects (and keeps reconnecting until stopped, signed out or refused). */
  start() {
    if (this.state !== 'idle') return;
    if (this.env.document) this.env.document.addEventListener('visibilitychange', this.onVisibility);
    this.#connect();
  }

  /** Closes the connection and stops reconnecting; the session ends on the server when it closes. */
  stop() {
    this.#setState('stopped');
    for (const t of this.timers) this.env.clearTimeout(t);
    this.timers.clear();
    if (this.env.document) this.env.document.removeEventListener('visibilitychange', this.onVisibility);
    const s = this.socket;
    this.socket = null;
    if (s) s.close(1000, 'client stopped');
  }

  /** Signs out: deletes this token on the server (delToken), then stops. */
  async signOut() {
    try {
      await this.call('delToken', { delToken: this.token });
    } finally {
      this.stop();
    }
  }

  /**
   * Sends a message with POST /app/client/device/push from this session: to `{uid}@user` or `{qid}@qun`;
   * msgType 1 text by default (docs/messages.md for the others). Resolves to the answer {msgID, mid,
   * clientMsgId} once the server has stored it; the sender's own copy then arrives as a `message` event.
   */
  async send({ to, content, msgType = 1, objectContent, expire, clientMsgId, sessions }) {
    const msg = { fromUserName: `${this.uid}@user`, toUserName: to, msgType, content };
    if (objectContent !== undefined) msg.objectContent = objectContent;
    if (expire !== undefined) msg.expire = expire;
    if (clientMsgId !== undefined) msg.clientMsgId = clientMsgId;
    if (sessions !== undefined) msg.sessions = sessions;
    const answer = await this.call('push', { msg });
    if (answer.mid > 0) this.sequencer.catchUp(answer.mid);
    return { msgID: answer.msgID, mid: answer.mid, clientMsgId: answer.clientMsgId };
  }

  /** Marks this tab's session active or inactive (pushes may target either state). */
  setActive(active) {
    return this.call('setSessionState', { sessionId: this.sessionId, state: active ? 'active' : 'inactive' });
  }

  /**
   * Any user-token route: POST /app/client/device/{route} with this session's baseRequest merged into
   * `body`. Resolves to the answer; rejects with AppMsgError; a refused token also raises `signin`.
   */
  async call(route, body = {}) {
    try {
      return await postJson(this.env.fetch, `${this.server}/app/client/device/${route}`, {
        ...body, baseRequest: { uid: this.uid, deviceID: this.deviceID, deviceType: 'Web', token: this.token },
      });
    } catch (e) {
      if (e instanceof AppMsgError && isTokenRefusal(e.ret, e.message)) this.#refused('signin');
      throw e;
    }
  }

  /** One page of the mailbox after `mid` from GET /1/msg/get: {entries, more}. */
  async fetchAfter(mid) {
    const q = new URLSearchParams({ k: `${this.uid}@user`, m: String(mid), limit: String(PAGE), token: this.token });
    const res = await this.env.fetch(`${this.server}/1/msg/get?${q}`);
    const answer = await res.json();
    if (answer.ret !== 0) {
      if (answer.ret === RET_AUTH) this.#refused('signin');
      throw new AppMsgError(answer.ret, answer.errMsg);
    }
    const data = answer.data || {};
    return { entries: data.msgs || [], more: !!data.more };
  }

  async #connect() {
    if (this.state === 'stopped') return;
    this.#setState('connecting');
    // A fresh start (nothing delivered yet) reads the stored mailbox in large /1/msg/get pages while the
    // server address is asked, so that the socket then replays only what arrived meanwhile: a page of
    // 1,000 entries costs far less than 1,000 frames handled one by one. fill() never rejects; if it
    // fails, the socket's replay from the cursor delivers the rest as usual.
    const prefill = this.prefetch && this.sequencer.last === 0 ? this.sequencer.fill() : null;
    let address;
    try {
      const q = new URLSearchParams({ k: this.key, p: '1' });
      const res = await this.env.fetch(`${this.server}/1/server/get?${q}`);
      const answer = await res.json();
      if (answer.ret !== 0) throw new AppMsgError(answer.ret, answer.errMsg);
      address = answer.data.server;
    } catch (e) {
      this.#emit('error', e);
      this.#retry(false);
      return;
    }
    if (prefill) await prefill;
    if (this.state === 'stopped') return;
    const scheme = this.server.startsWith('https:') ? 'wss' : 'ws';
    const q = new URLSearchParams({ key: this.key, heartbeat: String(this.heartbeat), token: this.token, ver: '1' });
    // Always resume: mid=0 asks for the whole mailbox, so the application sees every stored message.
    q.set('mid', String(this.sequencer.last));
    const socket = new this.env.WebSocket(`${scheme}://${address}/sub?${q}`);
    this.socket = socket;
    socket.refusal = null;
    socket.onmessage = (e) => this.#frame(socket, String(e.data));
    socket.onclose = (e) => this.#closed(socket, e.code);
    socket.onerror = () => {}; // a close event always follows
  }

  #frame(socket, data) {
    if (socket !== this.socket) return;
    this.#watch(socket);
    if (data === '+h\r\n') {
      if (this.state !== 'open') {
        this.attempt = 0;
        this.#setState('open');
        this.#beat(socket);
        this.#reportVisibility();
      }
      return;
    }
    if (data === '-a\r\n') socket.refusal = 'signin';
    else if (data === '-c\r\n') socket.refusal = 'toomany';
    else if (data === '-p\r\n') socket.refusal = 'params';
    else {
      let entry;
      try {
        entry = JSON.parse(data);
      } catch (e) {
        this.#emit('error', e);
        return;
      }
      this.sequencer.offer({ ...entry, live: true });
    }
  }

  #closed(socket, code) {
    if (socket !== this.socket) return;
    this.socket = null;
    this.#clearBeat(socket);
    if (this.state === 'stopped') return;
    if (socket.refusal === 'signin' || socket.refusal === 'toomany') {
      this.#refused(socket.refusal);
      return;
    }
    if (socket.refusal === 'params') {
      this.#emit('error', new AppMsgError(65534, 'the server refused the subscription parameters'));
      this.#refused('stopped');
      return;
    }
    this.#retry(RECONNECT_AT_ONCE.has(code));
  }

  /** Schedules the next connect: at once (with a little jitter) when the server asked for it, else backoff. */
  #retry(atOnce) {
    if (this.state === 'stopped') return;
    this.#setState('waiting');
    const delay = atOnce ? Math.round(this.env.random() * 250) : backoffDelay(this.attempt, this.env.random);
    if (!atOnce) this.attempt++;
    this.#later(() => this.#connect(), delay);
  }

  #refused(kind) {
    if (this.state === 'stopped') return;
    this.stop();
    if (kind !== 'stopped') this.#emit(kind, {});
  }

  /** Client heartbeat: `h` every 3/4 of the announced interval. */
  #beat(socket) {
    const every = this.heartbeat * 750;
    const tick = () => {
      if (socket !== this.socket) return;
      try {
        socket.send('h');
      } catch (e) { /* closing: the close event reconnects */ }
      socket.beat = this.#later(tick, every);
    };
    socket.beat = this.#later(tick, every);
  }

  /** A silent server (half-open TCP, sleeping laptop): no frame for heartbeat + 15 s closes the socket. */
  #watch(socket) {
    if (socket.watchdog) this.#cancel(socket.watchdog);
    socket.watchdog = this.#later(() => {
      if (socket === this.socket) socket.close(4100, 'server silent');
      // the browser's close event arrives later; treat it as closed now
      this.#closed(socket, 4100);
    }, this.heartbeat * 1000 + 15000);
  }

  #clearBeat(socket) {
    if (socket.beat) this.#cancel(socket.beat);
    if (socket.watchdog) this.#cancel(socket.watchdog);
  }

  #reportVisibility() {
    const doc = this.env.document;
    if (!doc || this.state !== 'open') return;
    this.setActive(doc.visibilityState !== 'hidden').catch((e) => this.#emit('error', e));
  }

  #later(fn, ms) {
    const t = this.env.setTimeout(() => {
      this.timers.delete(t);
      fn();
    }, ms);
    this.timers.add(t);
    return t;
  }

  #cancel(t) {
    this.env.clearTimeout(t);
    this.timers.delete(t);
  }

  #setState(state) {
    if (this.state === state) return;
    this.state = state;
    this.#emit('state', state);
  }

  #emit(type, detail) {
    for (const fn of this.listeners.get(type) || []) {
      try {
        fn(detail);
      } catch (e) {
        if (type !== 'error') this.#emit('error', e);
      }
    }
  }
}

/**
 * A cursor kept only in memory (used when the application chose its own starting point with `since`),
 * that still moves the user's stored cursor forward so other code sees how far this user has read.
 */
class MemoryCursor {
  constructor(stored, start) {
    this.stored = stored;
    this.value = start;
  }

  get() {
    return this.value;
  }

  advance(mid) {
    if (mid > this.value) {
      this.value = mid;
      this.stored.advance(mid);
    }
  }
}
