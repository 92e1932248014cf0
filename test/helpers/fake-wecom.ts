// The simulator's fake WeCom API on loopback, with the test bot's credentials, its clock and a
// fault plan: for tests that need WeCom's real delivery semantics (duplicate check, unique
// task_id, one-use codes) and real sockets (timeouts, resets) rather than nock's stand-in.
import type { Server } from 'node:http';
import { FaultPlan } from '../../src/simulator/fake-faults.ts';
import { createFakeWecomApi, listenOnLoopback } from '../../src/simulator/fake-wecom-api.ts';
import { SimStore } from '../../src/simulator/sim-store.ts';
import type { Clock } from '../../src/lib/clock.ts';
import { TEST_WECOM } from './bot.ts';

export interface FakeWecom {
  url: string;
  store: SimStore;
  faults: FaultPlan;
  /** What each member's private chat received (message/send), counted per member. */
  delivered(pick?: Parameters<SimStore['deliveryCounts']>[0]): Map<string, number>;
  /** Texts a member received, in order (a card as [card task_id], a file as [file name]). */
  textsTo(user: string): string[];
  /** Calls the fake saw to this path (including those answered with a fault). */
  callCount(path: string): number;
  stop(): Promise<void>;
}

export async function startFakeWecom(clock: Clock, options: { knownUsers?: (u: string) => boolean; webUser?: () => string | undefined } = {}): Promise<FakeWecom> {
  const store = new SimStore(() => clock.now().getTime());
  const faults = new FaultPlan();
  const app = createFakeWecomApi({
    corpId: TEST_WECOM.WECOM_CORP_ID,
    secret: TEST_WECOM.WECOM_SECRET,
    agentId: Number(TEST_WECOM.WECOM_AGENT_ID),
    store,
    isKnownUser: async (u) => options.knownUsers?.(u) ?? true,
    now: () => clock.now().getTime(),
    webUser: options.webUser,
    faults,
  });
  const { server, url } = await listenOnLoopback(app);
  return {
    url,
    store,
    faults,
    delivered: (pick) => store.deliveryCounts(pick),
    textsTo: (user) => store.inConversation(`user:${user}`).map((m) => m.text ?? (m.file ? `[file ${m.file.name}]` : `[card ${String(m.card?.task_id)}]`)),
    callCount: (path) => faults.calls.filter((c) => c.path === path).length,
    stop: () => close(server),
  };
}

function close(server: Server): Promise<void> {
  return new Promise((resolve) => {
    server.close(() => resolve());
    server.closeAllConnections();
  });
}
