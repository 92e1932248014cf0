// One DingTalk Stream per organisation's app (the DINGTALK_* variables' and every stored one):
// each app's robot messages and card clicks are that organisation's events. The set is checked
// against the stored apps every minute, so `npm run org -- add` needs no restart: a new app's
// Stream opens, a changed secret's reopens, a removed one closes.
import { createHash } from 'node:crypto';
import type { Logger } from '../../lib/logger.ts';
import type { DingtalkOrgApp } from './org-apps.ts';
import type { DingtalkOrgDirectory } from './org-directory.ts';
import { startDingtalkStream, type DingtalkStream, type DingtalkStreamOptions } from './stream-receiver.ts';

const RECHECK_MS = 60_000;

export type StreamReceiving = Omit<DingtalkStreamOptions, 'app' | 'orgId' | 'logger'>;

export class DingtalkStreams {
  private readonly running = new Map<number, { code: string; identity: string; stream: DingtalkStream }>();
  private timer?: NodeJS.Timeout;
  private checking = Promise.resolve();
  private stopped = false;

  constructor(
    private readonly directory: DingtalkOrgDirectory,
    private readonly receiving: StreamReceiving,
    private readonly logger: Logger,
  ) {}

  async start(): Promise<void> {
    await this.recheck();
    this.timer = setInterval(() => void this.recheck(), RECHECK_MS).unref();
  }

  /** Each organisation's Stream and whether it is connected now (/metrics: which county's is down). */
  states(): { code: string; connected: boolean }[] {
    return [...this.running.values()].map(({ code, stream }) => ({ code, connected: stream.client.connected }));
  }

  /** Opens, reopens and closes Streams to match the stored apps; a failed read keeps what runs. */
  recheck(): Promise<void> {
    this.checking = this.checking.then(async () => {
      if (this.stopped) return;
      let apps: DingtalkOrgApp[];
      try {
        apps = await this.directory.all();
      } catch (err) {
        this.logger.warn({ err: String(err) }, 'DingTalk apps could not be read; the open Streams stay as they are');
        return;
      }
      const wanted = new Map(apps.map((a) => [a.orgId, a]));
      for (const [orgId, { identity, stream }] of this.running) {
        const app = wanted.get(orgId);
        if (app && identityOf(app) === identity) continue;
        stream.stop();
        this.running.delete(orgId);
      }
      for (const app of apps) {
        if (this.running.has(app.orgId) || this.stopped) continue;
        const stream = startDingtalkStream({ ...this.receiving, orgId: app.orgId, app: app.app, logger: this.logger.child({ org: app.code }) });
        this.running.set(app.orgId, { code: app.code, identity: identityOf(app), stream });
      }
    });
    return this.checking;
  }

  stop(): void {
    this.stopped = true;
    clearInterval(this.timer);
    for (const { stream } of this.running.values()) stream.stop();
    this.running.clear();
  }
}

/** What a Stream connects with: a change reconnects it. */
function identityOf({ app }: DingtalkOrgApp): string {
  return `${app.clientId}:${app.apiBase}:${createHash('sha256').update(app.clientSecret).digest('hex').slice(0, 16)}`;
}
