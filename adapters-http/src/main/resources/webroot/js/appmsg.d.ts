// Types of the appmsg browser client, /js/appmsg.js (docs/client-js.md).

/** ret of an authentication or authorisation refusal. */
export declare const RET_AUTH: 65533;

/** An error answer of the server: ret is the legacy return code, message its errMsg. */
export declare class AppMsgError extends Error {
  readonly ret: number;
  constructor(ret: number, message?: string);
}

/** The message object of docs/api.md (legacy field names). */
export interface Message {
  msgId: string;
  fromUserName: string;
  fromDisplayName?: string;
  toUserName?: string;
  toDisplayName?: string;
  msgType: number;
  content: string;
  expire?: number;
  deviceID?: string;
  clientMsgId?: string | number;
  statusId?: string;
  objectContent?: Record<string, unknown>;
  activeSessions?: string[];
  [field: string]: unknown;
}

/** One delivered mailbox entry. mid 0 = live-only (never stored, never replayed). */
export interface MessageEvent {
  mid: number;
  gid: number;
  msg: Message;
  /** true when it came over the socket, false when read from the mailbox (resume gap, own copy). */
  live: boolean;
}

export type ClientState = 'idle' | 'connecting' | 'open' | 'waiting' | 'stopped';

export interface ClientEvents {
  message: MessageEvent;
  state: ClientState;
  /** The token was refused: the client stopped; sign in again. */
  signin: Record<string, never>;
  /** The user already has the server's maximum of live sessions: the client stopped. */
  toomany: Record<string, never>;
  error: Error;
}

export interface StorageLike {
  getItem(key: string): string | null;
  setItem(key: string, value: string): void;
  removeItem(key: string): void;
}

export interface ClientOptions {
  /** http(s) origin of the HTTP API; default the page's origin. */
  server?: string;
  uid: string;
  token: string;
  /** Seconds, 30-3600; default 60. */
  heartbeat?: number;
  /** Start after this mid instead of the user's stored cursor; 0 = the whole mailbox. */
  since?: number;
  /**
   * When nothing has been delivered yet, read the stored mailbox from /1/msg/get in large pages before
   * subscribing (the socket then replays only what arrived meanwhile); default false.
   */
  prefetch?: boolean;
  /** Replacements of browser globals, for tests. */
  env?: Partial<{
    WebSocket: typeof WebSocket;
    fetch: typeof fetch;
    setTimeout: (fn: () => void, ms: number) => unknown;
    clearTimeout: (t: unknown) => void;
    random: () => number;
    localStorage: StorageLike;
    sessionStorage: StorageLike;
    userAgent: string;
    document: Pick<Document, 'visibilityState' | 'addEventListener' | 'removeEventListener'>;
  }>;
}

export interface SendOptions {
  /** `{uid}@user` or `{qid}@qun`. */
  to: string;
  content: string;
  /** 1 text (default), 2 file, 3 image, 4 voice, 5 link, or an application type (docs/messages.md). */
  msgType?: number;
  objectContent?: Record<string, unknown>;
  /** Seconds; 0 = live only. */
  expire?: number;
  clientMsgId?: string | number;
  sessions?: string[];
}

export interface SendAnswer {
  msgID: string;
  /** The mid of the sender's own copy (0 for live-only). */
  mid: number;
  clientMsgId?: string | number;
}

export interface LoginAnswer {
  uid: string;
  token: string;
  member: Record<string, unknown>;
}

export declare function login(server: string, userName: string, password: string,
  options?: { deviceID?: string; fetch?: typeof fetch }): Promise<LoginAnswer>;

export declare function browserTag(userAgent: string): string;
export declare function sessionIdFor(uid: string, tabStorage: StorageLike | null | undefined, userAgent: string,
  random?: () => number): string;
export declare function backoffDelay(attempt: number, random?: () => number, base?: number, max?: number): number;

export declare class Cursor {
  constructor(uid: string, storage?: StorageLike | null);
  get(): number;
  advance(mid: number): void;
  clear(): void;
}

export interface MailboxPage {
  entries: Array<{ mid: number; gid?: number; msg: Message | string }>;
  more: boolean;
}

export declare class Sequencer {
  constructor(options: {
    cursor: { get(): number; advance(mid: number): void };
    deliver: (entry: { mid: number; gid?: number; msg: Message | string; live?: boolean }) => void;
    fetchAfter: (mid: number) => Promise<MailboxPage>;
    onError?: (e: unknown) => void;
    schedule?: (fn: () => void, ms: number) => unknown;
  });
  readonly last: number;
  offer(entry: { mid: number; gid?: number; msg: Message | string }): void;
  catchUp(mid: number): void;
  fill(): Promise<void>;
}

export declare class AppMsgClient {
  constructor(options: ClientOptions);
  readonly uid: string;
  /** `{uid}_{browser}-{version}-{random}`, kept for the life of the tab. */
  readonly sessionId: string;
  /** `{sessionId}@user`. */
  readonly key: string;
  readonly state: ClientState;
  /** The highest mid handed to the application. */
  readonly lastMid: number;
  on<K extends keyof ClientEvents>(type: K, listener: (detail: ClientEvents[K]) => void): () => void;
  start(): void;
  stop(): void;
  signOut(): Promise<void>;
  send(options: SendOptions): Promise<SendAnswer>;
  setActive(active: boolean): Promise<unknown>;
  /** POST /app/client/device/{route} with this session's baseRequest. */
  call<T = Record<string, unknown>>(route: string, body?: Record<string, unknown>): Promise<T>;
  fetchAfter(mid: number): Promise<MailboxPage>;
}
