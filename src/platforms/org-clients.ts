// One client per platform app (WeCom: corp, agent and secret; DingTalk: client id and secret):
// each keeps its own access token, so two organisations never share a token and one
// organisation's sends never wait on another's token refresh. The outbox asks for an
// organisation's client by its id.
import { createHash } from 'node:crypto';
import type { OrgApp, OrgAppDirectory } from './org-app-directory.ts';

export class OrgClients<A extends OrgApp, C> {
  private readonly clients = new Map<string, C>();

  constructor(
    private readonly directory: OrgAppDirectory<A>,
    /** What names the app, its secret among it: a changed secret (npm run org -- set) makes a new client, as the old token belongs to the old one. */
    private readonly identity: (app: A) => { names: string; secret: string },
    private readonly create: (app: A) => C,
  ) {}

  /** The organisation's client; undefined when it has no app on this platform. */
  async forOrg(orgId: number): Promise<C | undefined> {
    const app = await this.directory.byOrgId(orgId, { recheckMiss: true });
    if (!app) return undefined;
    const { names, secret } = this.identity(app);
    const key = `${names}:${createHash('sha256').update(secret).digest('hex').slice(0, 16)}`;
    let client = this.clients.get(key);
    if (!client) this.clients.set(key, (client = this.create(app)));
    return client;
  }
}
