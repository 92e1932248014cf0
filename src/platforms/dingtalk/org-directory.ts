// Which DingTalk app an organisation speaks through: ORG_CODE's from the DINGTALK_* variables,
// every other one's from its stored app (OrgDingtalkApp), kept for a minute
// (org-app-directory.ts). `all()` is what the Streams are opened for.
import type { DingtalkSite } from '../../config.ts';
import type { SecretBox } from '../../lib/secret-box.ts';
import { findDingtalkAppByCode, findDingtalkAppByOrgId, listDingtalkApps, type DingtalkAppRow } from '../../repositories/org-dingtalk-repo.ts';
import type { Db } from '../../repositories/prisma.ts';
import { OrgAppDirectory } from '../org-app-directory.ts';
import { openDingtalkApp, toDingtalkOrgApp, type DingtalkOrgApp } from './org-apps.ts';

export interface DingtalkOrgDirectoryOptions {
  db: Db;
  /** Opens stored apps; without it only the variables' organisation is known. */
  box?: SecretBox;
  site: DingtalkSite;
  /** The organisation of the DINGTALK_* variables (or local mode's simulated app): it always wins. */
  envOrg?: DingtalkOrgApp;
}

export class DingtalkOrgDirectory extends OrgAppDirectory<DingtalkOrgApp> {
  private readonly open: (row: DingtalkAppRow | undefined) => DingtalkOrgApp | undefined;

  constructor(private readonly options: DingtalkOrgDirectoryOptions) {
    const { db, box, site } = options;
    const open = (row: DingtalkAppRow | undefined) => (row && box ? toDingtalkOrgApp(row, openDingtalkApp(box, row), site) : undefined);
    super({
      envOrg: options.envOrg,
      byCode: async (code) => (box ? open(await findDingtalkAppByCode(db, code)) : undefined),
      byOrgId: async (orgId) => (box ? open(await findDingtalkAppByOrgId(db, orgId)) : undefined),
    });
    this.open = open;
  }

  /** Every organisation's app as stored now, the variables' organisation's first (it wins over a stored one). */
  async all(): Promise<DingtalkOrgApp[]> {
    const env = this.options.envOrg;
    const stored = this.options.box ? await listDingtalkApps(this.options.db) : [];
    const apps = stored.filter((row) => row.orgId !== env?.orgId).map((row) => this.open(row)!);
    return env ? [env, ...apps] : apps;
  }
}
