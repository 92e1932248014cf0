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
  constructor(private readonly options: DingtalkOrgDirectoryOptions) {
    const { db, box, site } = options;
    const open = (row: DingtalkAppRow | undefined) => row && box && toDingtalkOrgApp(row, openDingtalkApp(box, row), site);
    super(options.envOrg, box && {
      byCode: async (code) => open(await findDingtalkAppByCode(db, code)),
      byOrgId: async (orgId) => open(await findDingtalkAppByOrgId(db, orgId)),
    });
  }

  /** Every organisation's app as stored now, the variables' organisation's first (it wins over a stored one). */
  async all(): Promise<DingtalkOrgApp[]> {
    const { db, box, site } = this.options;
    const env = this.envOrg;
    const stored = box ? (await listDingtalkApps(db)).filter((row) => row.orgId !== env?.orgId) : [];
    const apps = stored.map((row) => toDingtalkOrgApp(row, openDingtalkApp(box!, row), site));
    return env ? [env, ...apps] : apps;
  }
}
