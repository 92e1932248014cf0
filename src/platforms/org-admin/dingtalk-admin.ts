// The DingTalk half of `npm run org`: an organisation's stored DingTalk app (OrgDingtalkApp)
// checked, added, changed, listed and re-sealed. Only the client secret is secret; it is sealed
// before it reaches the database and never printed.
import { SecretBox } from '../../lib/secret-box.ts';
import { findDingtalkAppByClientId, findDingtalkAppByCode, insertDingtalkApp, listDingtalkApps, updateDingtalkApp, type DingtalkAppFields, type DingtalkAppRow } from '../../repositories/org-dingtalk-repo.ts';
import { openDingtalkApp, sealDingtalkApp, type DingtalkCredentials } from '../dingtalk/org-apps.ts';
import { orgMessages as m } from './messages.ts';
import type { OrgAdminDeps } from './org-admin.ts';

/** Where DingTalk posts the robot's messages in HTTP mode (Stream mode needs no address). */
const callbackPath = (code: string) => `/dingtalk/callback/${code}`;

/** Why this organisation may not add this app; undefined when it may. */
export async function refuseDingtalkAdd(deps: OrgAdminDeps, code: string, c: Partial<DingtalkCredentials>): Promise<string | undefined> {
  if (await findDingtalkAppByCode(deps.db, code)) return m.dingtalkExists(code);
  return takenBy(deps, code, c.clientId!);
}

/** Stores the app (refuseDingtalkAdd said yes); the lines that say so. */
export async function insertDingtalk(deps: OrgAdminDeps, orgId: number, code: string, name: string, c: Partial<DingtalkCredentials>): Promise<string[] | string> {
  const sealed = sealDingtalkApp(deps.box!, orgId, c) as DingtalkAppFields;
  // Refused only when another `npm run org` got there since the check: ask again why.
  if (!(await insertDingtalkApp(deps.db, orgId, sealed, deps.now))) return (await refuseDingtalkAdd(deps, code, c)) ?? m.dingtalkExists(code);
  const lines = [m.addedDingtalk(code, name, callbackPath(code))];
  if (deps.envDingtalk?.orgCode === code) lines.push(m.dingtalkEnvWins(code));
  return lines;
}

/** The stored app a set changes, or why it may not. */
export async function findDingtalkToSet(deps: OrgAdminDeps, code: string, c: Partial<DingtalkCredentials>): Promise<DingtalkAppRow | string> {
  const row = await findDingtalkAppByCode(deps.db, code);
  if (!row) return m.noDingtalk(code);
  const taken = c.clientId === undefined ? undefined : await takenBy(deps, code, c.clientId);
  return taken ?? row;
}

export async function updateDingtalk(deps: OrgAdminDeps, row: DingtalkAppRow, c: Partial<DingtalkCredentials>): Promise<void> {
  await updateDingtalkApp(deps.db, row.orgId, sealDingtalkApp(deps.box!, row.orgId, c));
}

/**
 * The message naming the organisation that already has this app, if another one does. One app
 * serves one organisation: a DingTalk userid names a person only inside its own corp, so two
 * organisations on one app would share people.
 */
async function takenBy(deps: OrgAdminDeps, code: string, clientId: string): Promise<string | undefined> {
  const env = deps.envDingtalk;
  if (env && env.orgCode !== code && env.clientId === clientId) return m.dingtalkTaken(clientId, env.orgCode);
  const row = await findDingtalkAppByClientId(deps.db, clientId);
  return row && row.org.code !== code ? m.dingtalkTaken(clientId, row.org.code) : undefined;
}

/** One line per stored app; the secret shows only which key sealed it. */
export async function listDingtalkLines(deps: Pick<OrgAdminDeps, 'db' | 'envDingtalk'>): Promise<string[]> {
  return (await listDingtalkApps(deps.db)).map((row) => {
    const { code, name } = row.org;
    const env = code === deps.envDingtalk?.orgCode ? '  (ORG_CODE: DINGTALK_* 变量优先)' : '';
    const secret = `clientSecret=****(key ${SecretBox.keyIdOf(row.clientSecret) ?? '?'})`;
    return `${code}  ${name}  dingtalk client=${row.clientId} robot=${row.robotCode} ${secret} notice=${row.noticeTemplate} approval=${row.approvalTemplate}  ${callbackPath(code)}${env}`;
  });
}

/** Rotation: every client secret opened with whichever key sealed it and sealed with the first; the organisations re-sealed. */
export async function rekeyDingtalk(deps: OrgAdminDeps & { box: SecretBox }): Promise<number[]> {
  const rows = await listDingtalkApps(deps.db);
  for (const row of rows) await updateDingtalk(deps, row, openDingtalkApp(deps.box, row));
  return rows.map((row) => row.orgId);
}
