// The vendor's DWClient (dingtalk-stream 2.1.5), with three changes (platforms.md §5.4,
// stack.md):
// - each client its own `subscriptions` array: the package's default array is shared by every
//   DWClient, so a second client would inherit the first one's topics;
// - the gateway (connections/open) at DINGTALK_API_BASE, not the package's fixed api.dingtalk.com
//   (local mode and tests answer it on loopback with a ws://127.0.0.1 endpoint);
// - reconnecting with exponential backoff and jitter (2.1.5 retries every second for ever);
// - the socket opened and closed without the package's console lines ("connect success",
//   "Disconnecting.", "ERROR …" on stdout and stderr between the JSON log lines; one per app
//   and reconnect in a province): what happens is told through onOpen and onConnectError;
// - a WebSocket ping every 30 s, the socket dropped (and so reopened) when the last one got no
//   pong: a connection that died without a close (a NAT or proxy forgetting an idle flow) is
//   noticed within a minute instead of leaving the organisation's messages and clicks unheard.
import { DWClient } from 'dingtalk-stream';
import WebSocket from 'ws';
import { httpRequest } from '../../lib/http-client.ts';

export interface StreamClientOptions {
  clientId: string;
  clientSecret: string;
  apiBase: string;
  /** Backoff: first wait and cap, in ms. */
  backoff?: { baseMs: number; maxMs: number };
  onConnectError?(err: unknown, attempt: number): void;
  onOpen?(): void;
  /** How often the socket is pinged; a ping unanswered by the next one drops it. */
  pingIntervalMs?: number;
}

const PING_INTERVAL_MS = 30_000;

type Internals = { dw_url?: string; reconnectInterval: number; userDisconnect: boolean; socket?: WebSocket };

export class StreamClient extends DWClient {
  private attempt = 0;
  private stopped = false;
  private retryTimer?: NodeJS.Timeout;
  /** Connections opened (each after a fresh connections/open): what tests count reconnects by. */
  opened = 0;

  constructor(private readonly options: StreamClientOptions) {
    super({ clientId: options.clientId, clientSecret: options.clientSecret, keepAlive: false, ...({ subscriptions: [{ type: 'EVENT', topic: '*' }] } as object) });
  }

  override async getEndpoint(): Promise<this> {
    const res = await httpRequest(`${this.options.apiBase}/v1.0/gateway/connections/open`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', accept: 'application/json' },
      body: JSON.stringify({ clientId: this.config.clientId, clientSecret: this.config.clientSecret, ua: 'deputy-liaison-bot', subscriptions: this.config.subscriptions }),
    });
    const answer = JSON.parse(res.body || '{}') as { endpoint?: string; ticket?: string };
    if (res.status !== 200 || !answer.endpoint || !answer.ticket) throw new Error(`connections/open answered HTTP ${res.status} without endpoint and ticket`);
    (this as unknown as Internals).dw_url = `${answer.endpoint}?ticket=${encodeURIComponent(answer.ticket)}`;
    return this;
  }

  /** Opens a connection; on failure (and, through the package, on every close) tries again later. */
  override async connect(): Promise<void> {
    if (this.stopped) return;
    const self = this as unknown as Internals;
    // The package waits reconnectInterval after a close before calling connect() again.
    self.reconnectInterval = this.nextDelay();
    try {
      await this.getEndpoint();
    } catch (err) {
      this.options.onConnectError?.(err, this.attempt);
      this.retryTimer = setTimeout(() => void this.connect(), self.reconnectInterval);
      return;
    }
    // _connect's promise only ever rejects (on a socket error, which also closes the socket
    // and so schedules the next try): nothing to wait for.
    this._connect().catch((err: unknown) => {
      if (!this.stopped) this.options.onConnectError?.(err, this.attempt);
    });
  }

  /** The package's _connect (its keepAlive off: the ping here instead), with no console lines. */
  override _connect(): Promise<void> {
    const self = this as unknown as Internals;
    return new Promise((resolve, reject) => {
      self.userDisconnect = false;
      const socket = new WebSocket(self.dw_url!);
      self.socket = socket;
      let answered = true;
      let pinger: NodeJS.Timeout | undefined;
      socket.on('open', () => {
        this.connected = true;
        this.attempt = 0;
        this.opened++;
        pinger = setInterval(() => {
          if (!answered) return socket.terminate();
          answered = false;
          socket.ping();
        }, this.options.pingIntervalMs ?? PING_INTERVAL_MS).unref();
        this.options.onOpen?.();
        resolve();
      });
      socket.on('pong', () => (answered = true));
      socket.on('message', (data) => this.onDownStream(String(data)));
      socket.on('close', () => {
        clearInterval(pinger);
        this.connected = false;
        this.registered = false;
        if (self.userDisconnect || this.stopped) return;
        this.reconnecting = true;
        this.retryTimer = setTimeout(() => void this.connect(), self.reconnectInterval);
      });
      socket.on('error', (err) => {
        socket.terminate();
        reject(err);
      });
    });
  }

  override disconnect(): void {
    this.stopped = true;
    clearTimeout(this.retryTimer);
    const self = this as unknown as Internals;
    self.userDisconnect = true;
    self.socket?.close();
  }

  private nextDelay(): number {
    const { baseMs, maxMs } = this.options.backoff ?? { baseMs: 1_000, maxMs: 60_000 };
    const wait = Math.min(maxMs, baseMs * 2 ** this.attempt++);
    return Math.round(wait / 2 + Math.random() * (wait / 2));
  }
}
