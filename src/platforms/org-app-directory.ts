// Which app of one platform an organisation speaks through: the variables' organisation's
// (ORG_CODE's, the single-organisation setup: it always wins) and every other one's from its
// stored credentials (npm run org). Looked up by code (a callback's URL, the console's ?org=)
// or by id (an outbox row, the platforms an audience is reached on). What a lookup by id found,
// app or none, is kept for a minute: a province's organisations on one platform do not each
// query the other platform's table on every message, and `npm run org -- add`, `set` or
// `remove` takes effect within that minute with no restart. A message about to go out never
// trusts a kept "none". A lookup by code that finds an app takes effect at once (the platform's
// URL check right after `add`); one that finds none is not kept, since any request can name any
// code. WeCom's and DingTalk's directories are this with their own lookups.

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
  /** By organisation id: its app, or undefined when it had none, and when that was looked up. */
  private readonly byId = new Map<number, { app: A | undefined; at: number }>();
  /** The organisation each found code belongs to. */
  private readonly idOfCode = new Map<string, number>();

  constructor(
    /** The organisation of the platform's variables (or local mode's simulated app). */
    readonly envOrg: A | undefined,
    /** Undefined without SECRETS_KEY: then only the variables' organisation is known. */
    private readonly stored: StoredOrgApps<A> | undefined,
    /** Milliseconds on a monotonic clock (tests move it). */
    private readonly now: () => number = () => performance.now(),
  ) {}

  async byCode(code: string): Promise<A | undefined> {
    if (!ORG_CODE.test(code)) return undefined;
    if (this.envOrg?.code === code) return this.envOrg;
    if (!this.stored) return undefined;
    const id = this.idOfCode.get(code);
    const kept = id === undefined ? undefined : this.kept(id);
    if (kept?.app) return kept.app;
    const app = await this.stored.byCode(code);
    if (app) this.remember(app.orgId, app);
    return app;
  }

  /**
   * recheckMiss: a kept "none" is looked up again. A message about to go out asks so: the app
   * may have been added since (its Stream already open), and a miss there fails the message.
   */
  async byOrgId(orgId: number, options: { recheckMiss?: boolean } = {}): Promise<A | undefined> {
    if (this.envOrg?.orgId === orgId) return this.envOrg;
    if (!this.stored) return undefined;
    const kept = this.kept(orgId);
    if (kept && (kept.app || !options.recheckMiss)) return kept.app;
    const app = await this.stored.byOrgId(orgId);
    this.remember(orgId, app);
    return app;
  }

  private kept(orgId: number): { app: A | undefined } | undefined {
    const entry = this.byId.get(orgId);
    return entry && this.now() - entry.at < KEEP_MS ? entry : undefined;
  }

  private remember(orgId: number, app: A | undefined): void {
    this.byId.set(orgId, { app, at: this.now() });
    if (app) this.idOfCode.set(app.code, orgId);
  }
}
