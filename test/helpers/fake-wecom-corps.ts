// The simulator's fake WeCom API for several corps behind one URL (one WECOM_API_BASE serves
// every organisation of a deployment): gettoken goes to the corp its corpid names, every other
// call to the corp whose token it carries; a robot's response_url (no token) names its corp
// in a `corp` parameter (the bot treats that URL as opaque); web authorisation's authorize page
// goes to the corp its appid names, for whoever that corp's `webUser` says is signed in. Each corp has its own store, so a test sees which
// corp's app delivered what.
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import type Koa from 'koa';
import { FaultPlan } from '../../src/simulator/fake-faults.ts';
import { createFakeWecomApi } from '../../src/simulator/fake-wecom-api.ts';
import { SimStore } from '../../src/simulator/sim-store.ts';
import type { Clock } from '../../src/lib/clock.ts';

export interface FakeCorp {
  corpId: string;
  secret: string;
  agentId: number;
  store: SimStore;
  faults: FaultPlan;
  /** Texts (and cards as "[card task_id]") a member of this corp received, in order. */
  textsTo(user: string): string[];
  cardsTo(user: string): Record<string, any>[];
  callCount(path: string): number;
}

export async function startFakeWecomCorps(clock: Clock, corps: { corpId: string; secret: string; agentId: number; webUser?: () => string | undefined }[]) {
  const apps = new Map<string, { corp: FakeCorp; app: Koa; prefix: string }>();
  corps.forEach((c, i) => {
    const store = new SimStore(() => clock.now().getTime());
    const faults = new FaultPlan();
    const prefix = `c${i}x`;
    const app = createFakeWecomApi({ ...c, store, faults, tokenPrefix: prefix, isKnownUser: async () => true, now: () => clock.now().getTime() });
    const corp: FakeCorp = {
      ...c, store, faults,
      textsTo: (user) => store.inConversation(`user:${user}`).map((m) => m.text ?? `[card ${String(m.card?.task_id)}]`),
      cardsTo: (user) => store.inConversation(`user:${user}`).filter((m) => m.card).map((m) => m.card as Record<string, any>),
      callCount: (path) => faults.calls.filter((call) => call.path === path).length,
    };
    apps.set(c.corpId, { corp, app, prefix });
  });
  const entries = [...apps.values()];
  const server: Server = createServer((req, res) => {
    const url = new URL(req.url ?? '/', 'http://fake');
    // Web authorisation names its corp as appid.
    const corpId = url.searchParams.get('corpid') ?? url.searchParams.get('corp') ?? url.searchParams.get('appid');
    const token = url.searchParams.get('access_token') ?? '';
    const target = (corpId ? apps.get(corpId) : entries.find((e) => token.startsWith(e.prefix))) ?? entries[0]!;
    void target.app.callback()(req, res);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    corp: (corpId: string) => apps.get(corpId)!.corp,
    stop: () => new Promise<void>((resolve) => {
      server.close(() => resolve());
      server.closeAllConnections();
    }),
  };
}
