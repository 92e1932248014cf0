// An organisation's stored DingTalk app: sealed into an OrgDingtalkApp row, opened into the
// DingtalkConfig the client, the Stream, the HTTP receiver and the console's sign-in use. The
// client secret is bound to its organisation (the associated data), so a value moved to
// another row never opens. The deployment's DingTalk settings (DINGTALK_MODE and the API
// origins) are the same for every app.
import type { DingtalkConfig, DingtalkSite } from '../../config.ts';
import type { SecretBox } from '../../lib/secret-box.ts';
import type { DingtalkAppFields, DingtalkAppRow } from '../../repositories/org-dingtalk-repo.ts';

/** An organisation's DingTalk app. */
export interface DingtalkOrgApp {
  orgId: number;
  code: string;
  app: DingtalkConfig;
}

/** The app in the clear, as `npm run org` reads it. */
export interface DingtalkCredentials {
  clientId: string;
  clientSecret: string;
  robotCode: string;
  noticeTemplate: string;
  approvalTemplate: string;
}

function context(orgId: number): string {
  return `org:${orgId}:dingtalk:clientSecret`;
}

/** The row's columns: the client secret sealed, the rest as they are. */
export function sealDingtalkApp(box: SecretBox, orgId: number, c: Partial<DingtalkCredentials>): Partial<DingtalkAppFields> {
  const { clientSecret, ...plain } = c;
  return { ...plain, ...(clientSecret !== undefined ? { clientSecret: box.seal(clientSecret, context(orgId)) } : {}) };
}

export function openDingtalkApp(box: SecretBox, row: DingtalkAppRow): DingtalkCredentials {
  const { clientId, robotCode, noticeTemplate, approvalTemplate } = row;
  return { clientId, clientSecret: box.open(row.clientSecret, context(row.orgId)), robotCode, noticeTemplate, approvalTemplate };
}

export function toDingtalkOrgApp(row: DingtalkAppRow, c: DingtalkCredentials, site: DingtalkSite): DingtalkOrgApp {
  return {
    orgId: row.orgId,
    code: row.org.code,
    app: { clientId: c.clientId, clientSecret: c.clientSecret, robotCode: c.robotCode, cardTemplates: { notice: c.noticeTemplate, approval: c.approvalTemplate }, ...site },
  };
}
