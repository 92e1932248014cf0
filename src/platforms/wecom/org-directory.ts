// Which WeCom app an organisation speaks through: ORG_CODE's from the WECOM_* variables, every
// other one's from its stored credentials (OrgCredential), kept for a minute (org-app-directory.ts).
import type { SecretBox } from '../../lib/secret-box.ts';
import { findCredentialByCode, findCredentialByOrgId, type CredentialRow } from '../../repositories/org-credential-repo.ts';
import type { Db } from '../../repositories/prisma.ts';
import { OrgAppDirectory } from '../org-app-directory.ts';
import { openCredentials, toOrgApp, WECOM_CHANNEL, type WecomOrgApp } from './org-credentials.ts';

export interface WecomOrgDirectoryOptions {
  db: Db;
  /** Opens stored credentials; without it only the variables' organisation is known. */
  box?: SecretBox;
  apiBase: string;
  /** The organisation of the WECOM_* variables (or local mode's simulated app): it always wins. */
  envOrg?: WecomOrgApp;
}

export class WecomOrgDirectory extends OrgAppDirectory<WecomOrgApp> {
  constructor({ db, box, apiBase, envOrg }: WecomOrgDirectoryOptions) {
    const open = (row: CredentialRow | undefined) => row && box && toOrgApp(row, openCredentials(box, row), apiBase);
    super(envOrg, box && {
      byCode: async (code) => open(await findCredentialByCode(db, code, WECOM_CHANNEL)),
      byOrgId: async (orgId) => open(await findCredentialByOrgId(db, orgId, WECOM_CHANNEL)),
    });
  }
}
