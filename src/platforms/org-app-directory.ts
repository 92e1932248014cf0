// Which app of one platform an organisation speaks through: the variables' organisation's
// (ORG_CODE's, the single-organisation setup: it always wins) and every other one's from its
// stored credentials (npm run org). Looked up by code (a callback's URL, the console's ?org=)
// or by id (an outbox row); found apps are kept for a minute, so `npm run org -- add` needs no
// restart and `set` takes effect within that minute. WeCom's and DingTalk's directories are
// this with their own lookups.

const KEEP_MS = 60_000;
/** As ORG_CODE: no lookup for a path that cannot name an organisation. */
const ORG_CODE = /^[a-z0-9][a-z0-9-]{0,31}$/;

export interface OrgApp {
  orgId: number;
  code: string;
}

/** Stored apps, opened; undefined when none is stored. */
export interface StoredOrgApps<A extends OrgApp> {
  byCode(code: string): Promise<A | undefined>;
  byOrgId(orgId: number): Promise<A | undefined>;
}

export class OrgAppDirectory<A extends OrgApp> {
  private readonly byId = new Map<number, { app: A; at: number }>();

  constructor(
    /** The organisation of the platform's variables (or local mode's simulated app). */
    readonly envOrg: A | undefined,
    /** Undefined without SECRETS_KEY: then only the variables' organisation is known. */
    private readonly stored: StoredOrgApps<A> | undefined,
  ) {}

  async byCode(code: string): Promise<A | undefined> {
    if (!ORG_CODE.test(code)) return undefined;
    if (this.envOrg?.code === code) return this.envOrg;
    const kept = [...this.byId.values()].find((e) => e.app.code === code && fresh(e.at));
    if (kept) return kept.app;
    return this.remember(await this.stored?.byCode(code));
  }

  async byOrgId(orgId: number): Promise<A | undefined> {
    if (this.envOrg?.orgId === orgId) return this.envOrg;
    const kept = this.byId.get(orgId);
    if (kept && fresh(kept.at)) return kept.app;
    return this.remember(await this.stored?.byOrgId(orgId));
  }

  private remember(app: A | undefined): A | undefined {
    if (app) this.byId.set(app.orgId, { app, at: performance.now() });
    return app;
  }
}

function fresh(at: number): boolean {
  return performance.now() - at < KEEP_MS;
}
