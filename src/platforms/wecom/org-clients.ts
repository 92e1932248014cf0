// One WecomClient per WeCom app (corp id, agent id and secret): each keeps its own access
// token, so two organisations never share a token and one organisation's sends never wait
// on another's token refresh. The outbox asks for an organisation's client by its id.
import { createHash } from 'node:crypto';
import type { Clock } from '../../lib/clock.ts';
import { WecomClient, type WecomClientOptions } from './client.ts';
import type { WecomOrgDirectory } from './org-directory.ts';

export class WecomOrgClients {
  private readonly clients = new Map<string, WecomClient>();

  constructor(
    private readonly directory: WecomOrgDirectory,
    private readonly clock: Clock,
    private readonly options: WecomClientOptions = {},
  ) {}

  /** The organisation's client; undefined when it has no WeCom app configured. */
  async forOrg(orgId: number): Promise<WecomClient | undefined> {
    const org = await this.directory.byOrgId(orgId);
    if (!org) return undefined;
    const { corpId, agentId, secret, apiBase } = org.app;
    // A changed secret (npm run org -- set) makes a new client: the old token belongs to the old one.
    const key = `${corpId}:${agentId}:${apiBase}:${createHash('sha256').update(secret).digest('hex').slice(0, 16)}`;
    let client = this.clients.get(key);
    if (!client) {
      client = new WecomClient(org.app, this.clock, this.options);
      this.clients.set(key, client);
    }
    return client;
  }
}
