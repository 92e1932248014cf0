// Which WeCom app an organisation speaks through: ORG_CODE's from the WECOM_* variables (the
// single-organisation setup, unchanged), every other one's from its stored credentials. Looked
// up by code (a callback's URL) or by id (an outbox row); found apps are kept for a minute, so
// `npm run org -- add` needs no restart and `set` takes effect within that minute.
import type { SecretBox } from '../../lib/secret-box.ts';
import { findCredentialByCode, findCredentialByOrgId, type CredentialRow } from '../../repositories/org-credential-repo.ts';
import type { Db } from '../../repositories/prisma.ts';
import { openCredentials, toOrgApp, WECOM_CHANNEL, type WecomOrgApp } from './org-credentials.ts';

const KEEP_MS = 60_000;
/** As ORG_CODE: no lookup for a path that cannot name an organisation. */
const ORG_CODE = /^[a-z0-9][a-z0-9-]{0,31}$/;

export interface WecomOrgDirectoryOptions {
  db: Db;
  /** Opens stored credentials; without it only the variables' organisation is known. */
  box?: SecretBox;
  apiBase: string;
  /** The organisation of the WECOM_* variables (or local mode's simulated app): it always wins. */
  envOrg?: WecomOrgApp;
}

export class WecomOrgDirectory {
  private readonly byId = new Map<number, { app: WecomOrgApp; at: number }>();

  constructor(private readonly options: WecomOrgDirectoryOptions) {}

  get envOrg(): WecomOrgApp | undefined {
    return this.options.envOrg;
  }

  async byCode(code: string): Promise<WecomOrgApp | undefined> {
    if (!ORG_CODE.test(code)) return undefined;
    const env = this.options.envOrg;
    if (env?.code === code) return env;
    const kept = [...this.byId.values()].find((e) => e.app.code === code && fresh(e.at));
    if (kept) return kept.app;
    return this.remember(this.options.box && (await findCredentialByCode(this.options.db, code, WECOM_CHANNEL)));
  }

  async byOrgId(orgId: number): Promise<WecomOrgApp | undefined> {
    const env = this.options.envOrg;
    if (env?.orgId === orgId) return env;
    const kept = this.byId.get(orgId);
    if (kept && fresh(kept.at)) return kept.app;
    return this.remember(this.options.box && (await findCredentialByOrgId(this.options.db, orgId, WECOM_CHANNEL)));
  }

  private remember(row: CredentialRow | undefined): WecomOrgApp | undefined {
    if (!row || !this.options.box) return undefined;
    const app = toOrgApp(row, openCredentials(this.options.box, row), this.options.apiBase);
    this.byId.set(row.orgId, { app, at: performance.now() });
    return app;
  }
}

function fresh(at: number): boolean {
  return performance.now() - at < KEEP_MS;
}
