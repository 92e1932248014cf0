// What `npm run org` does: add an organisation with its WeCom and/or DingTalk app, list them
// (secrets masked), change a field, remove an app, re-seal everything with the newest key.
// Secrets are sealed before they reach the database; nothing here prints one. The DingTalk half
// is in dingtalk-admin.ts.
import { SecretBox } from '../../lib/secret-box.ts';
import { deleteCredential, findCredentialByCode, insertCredential, listCredentials, updateCredential, type CredentialRow } from '../../repositories/org-credential-repo.ts';
import { deleteDingtalkApp, findDingtalkAppByCode } from '../../repositories/org-dingtalk-repo.ts';
import { countQueued } from '../../repositories/outbox-repo.ts';
import { ensureOrganisation } from '../../repositories/people-repo.ts';
import type { Db } from '../../repositories/prisma.ts';
import { LOCKED_TRANSACTION } from '../../repositories/sql-dialect.ts';
import type { DingtalkCredentials } from '../dingtalk/org-apps.ts';
import { openCredentials, sealCredentials, SECRET_FIELDS, WECOM_CHANNEL, type WecomCredentials } from '../wecom/org-credentials.ts';
import { checkComplete, DINGTALK_FIELDS, FIELDS } from './args.ts';
import { findDingtalkToSet, insertDingtalk, listDingtalkLines, refuseDingtalkAdd, rekeyDingtalk, updateDingtalk } from './dingtalk-admin.ts';
import { orgMessages as m } from './messages.ts';

export interface OrgAdminDeps {
  db: Db;
  /** SECRETS_KEY's box; add, set and rekey refuse without it. */
  box?: SecretBox;
  /** ORG_CODE when the WECOM_* variables are set: they win over stored credentials for it. */
  envOrgCode?: string;
  /** The WECOM_* variables' app, so no stored organisation is given the same one. */
  envApp?: { corpId: string; agentId: number };
  /** ORG_CODE and the DINGTALK_* variables' client id, when set: they win for it, and no other organisation may store that app. */
  envDingtalk?: { orgCode: string; clientId: string };
  now: Date;
}

export type AdminResult = { ok: true; lines: string[] } | { ok: false; error: string };

const fail = (error: string): AdminResult => ({ ok: false, error });
const given = (fields: object) => Object.keys(fields).length > 0;

/**
 * Either app or both; every check passes before anything is written, and the organisation and
 * its apps are written in one transaction: an insert refused after the checks (another run of
 * `npm run org` stored the same app meanwhile) leaves nothing behind, not half an organisation.
 * Meant for the command's own connection (an interactive transaction holds it throughout).
 */
export async function addOrg(deps: OrgAdminDeps, code: string, name: string, fields: Partial<WecomCredentials>, dingtalk: Partial<DingtalkCredentials> = {}): Promise<AdminResult> {
  const incomplete = checkComplete(fields, dingtalk, 'add');
  if (incomplete) return fail(incomplete);
  if (!deps.box) return fail(m.noKey);
  if (given(fields)) {
    if (await findCredentialByCode(deps.db, code, WECOM_CHANNEL)) return fail(m.exists(code));
    const taken = await appTakenBy(deps, code, fields.corpId!, fields.agentId!);
    if (taken) return fail(m.appTaken(fields.corpId!, fields.agentId!, taken));
  }
  const refused = given(dingtalk) ? await refuseDingtalkAdd(deps, code, dingtalk) : undefined;
  if (refused) return fail(refused);
  try {
    const lines = await deps.db.$transaction((tx) => insertApps({ ...deps, db: tx as unknown as Db }, code, name, fields, dingtalk), LOCKED_TRANSACTION);
    return { ok: true, lines };
  } catch (err) {
    if (err instanceof Refused) return fail(err.message);
    throw err;
  }
}

/** Thrown inside addOrg's transaction to roll it back with the reason. */
class Refused extends Error {}

async function insertApps(deps: OrgAdminDeps, code: string, name: string, fields: Partial<WecomCredentials>, dingtalk: Partial<DingtalkCredentials>): Promise<string[]> {
  const org = await ensureOrganisation(deps.db, code, name);
  const lines: string[] = [];
  if (given(fields)) {
    const sealed = sealCredentials(deps.box!, org.id, fields);
    const added = await insertCredential(deps.db, org.id, WECOM_CHANNEL, { botToken: null, botAesKey: null, ...sealed } as Parameters<typeof insertCredential>[3], deps.now);
    if (!added) throw new Refused(m.exists(code));
    lines.push(m.added(code, name, `/wecom/callback/${code}`));
    if (fields.botToken) lines.push(m.addedRobot(`/wecom/bot/callback/${code}`));
    if (deps.envOrgCode === code) lines.push(m.envWins(code));
  }
  if (given(dingtalk)) {
    const added = await insertDingtalk(deps, org.id, code, name, dingtalk);
    if (typeof added === 'string') throw new Refused(added);
    lines.push(...added);
  }
  return lines;
}

/** The named fields of either app or both; each app must exist, and every check passes before anything is written. */
export async function setOrg(deps: OrgAdminDeps, code: string, fields: Partial<WecomCredentials>, dingtalk: Partial<DingtalkCredentials> = {}): Promise<AdminResult> {
  const incomplete = checkComplete(fields, dingtalk, 'set');
  if (incomplete) return fail(incomplete);
  if (!deps.box) return fail(m.noKey);
  const row = given(fields) ? await findCredentialByCode(deps.db, code, WECOM_CHANNEL) : undefined;
  if (given(fields)) {
    if (!row) return fail((await findDingtalkAppByCode(deps.db, code)) ? m.noWecom(code) : m.unknownOrg(code));
    // A robot has both keys or none: one key alone may change only a robot that has the other.
    const robotAfter = [fields.botToken ?? row.botToken, fields.botAesKey ?? row.botAesKey].map((v) => v !== null && v !== '');
    if (robotAfter[0] !== robotAfter[1]) return fail(m.robotPair);
    const [corpId, agentId] = [fields.corpId ?? row.corpId, fields.agentId ?? row.agentId];
    const taken = await appTakenBy(deps, code, corpId, agentId);
    if (taken) return fail(m.appTaken(corpId, agentId, taken));
  }
  const dingtalkRow = given(dingtalk) ? await findDingtalkToSet(deps, code, dingtalk) : undefined;
  if (typeof dingtalkRow === 'string') return fail(dingtalkRow);
  if (row) await updateCredential(deps.db, row.orgId, WECOM_CHANNEL, sealCredentials(deps.box, row.orgId, fields));
  if (dingtalkRow) await updateDingtalk(deps, dingtalkRow, dingtalk);
  const flags = [...FIELDS.filter((f) => fields[f.field] !== undefined), ...DINGTALK_FIELDS.filter((f) => dingtalk[f.field] !== undefined)].map((f) => f.flag.slice(2));
  return { ok: true, lines: [m.updated(code, flags)] };
}

/**
 * Forgets the organisation's stored WeCom and/or DingTalk app (a county that moved platforms);
 * the organisation, its people and its records stay. Each app named must be stored; both go in
 * one transaction. A running bot stops using it within a minute (its directories keep an app
 * that long; a DingTalk Stream closes at its next check); what is still queued for it after
 * that fails as having no app, which the lines say.
 */
export async function removeOrgApps(deps: OrgAdminDeps, code: string, which: { wecom: boolean; dingtalk: boolean }): Promise<AdminResult> {
  const wecomRow = which.wecom ? await findCredentialByCode(deps.db, code, WECOM_CHANNEL) : undefined;
  if (which.wecom && !wecomRow) return fail(m.nothingToRemove(code, '企业微信'));
  const dingtalkRow = which.dingtalk ? await findDingtalkAppByCode(deps.db, code) : undefined;
  if (which.dingtalk && !dingtalkRow) return fail(m.nothingToRemove(code, '钉钉'));
  const removals = [
    ...(wecomRow ? [{ orgId: wecomRow.orgId, channel: WECOM_CHANNEL, platform: '企业微信', variables: 'WECOM_*', envStays: deps.envOrgCode === code }] : []),
    ...(dingtalkRow ? [{ orgId: dingtalkRow.orgId, channel: 'dingtalk', platform: '钉钉', variables: 'DINGTALK_*', envStays: deps.envDingtalk?.orgCode === code }] : []),
  ];
  await deps.db.$transaction(async (tx) => {
    const q = tx as unknown as Db;
    if (wecomRow) await deleteCredential(q, wecomRow.orgId, WECOM_CHANNEL);
    if (dingtalkRow) await deleteDingtalkApp(q, dingtalkRow.orgId);
  }, LOCKED_TRANSACTION);
  const lines: string[] = [];
  for (const r of removals) {
    lines.push(m.removed(code, r.platform, r.envStays ? 0 : await countQueued(deps.db, r.orgId, r.channel)));
    if (r.envStays) lines.push(m.removedEnvStays(code, r.platform, r.variables));
  }
  return { ok: true, lines };
}

/**
 * Another organisation with this corp's app, if any. Two organisations on one app could not be
 * told apart: WeCom keys every event by corp and agent, so one's events would read as repeats
 * of the other's.
 */
async function appTakenBy(deps: OrgAdminDeps, code: string, corpId: string, agentId: number): Promise<string | undefined> {
  const env = deps.envApp;
  if (env && deps.envOrgCode !== code && env.corpId === corpId && env.agentId === agentId) return deps.envOrgCode;
  const rows = await listCredentials(deps.db, WECOM_CHANNEL);
  return rows.find((r) => r.org.code !== code && r.corpId === corpId && r.agentId === agentId)?.org.code;
}

/** One line per WeCom app, then one per DingTalk app; a secret shows only that it is set and which key sealed it. */
export async function listOrgs(deps: Pick<OrgAdminDeps, 'db' | 'envOrgCode' | 'envDingtalk'>): Promise<AdminResult> {
  const rows = await listCredentials(deps.db, WECOM_CHANNEL);
  const lines = [...rows.map((row) => describe(row, deps.envOrgCode)), ...(await listDingtalkLines(deps))];
  return { ok: true, lines: lines.length ? lines : [m.none] };
}

function describe(row: CredentialRow, envOrgCode?: string): string {
  const secrets = SECRET_FIELDS.map((f) => `${f}=${masked(row[f])}`).join(' ');
  const env = row.org.code === envOrgCode ? '  (ORG_CODE: WECOM_* 变量优先)' : '';
  return `${row.org.code}  ${row.org.name}  corp=${row.corpId} agent=${row.agentId} ${secrets}  /wecom/callback/${row.org.code}${env}`;
}

function masked(sealed: string | null): string {
  if (sealed === null) return '-';
  return `****(key ${SecretBox.keyIdOf(sealed) ?? '?'})`;
}

/** Rotation: every stored secret opened with whichever key sealed it and sealed with the first. */
export async function rekeyOrgs(deps: OrgAdminDeps): Promise<AdminResult> {
  const box = deps.box;
  if (!box) return fail(m.noKey);
  const rows = await listCredentials(deps.db);
  for (const row of rows) {
    const plain = openCredentials(box, row);
    await updateCredential(deps.db, row.orgId, row.channel, sealCredentials(box, row.orgId, plain));
  }
  // Counted by organisation: one with both apps is one organisation's credentials.
  const orgs = new Set([...rows.map((row) => row.orgId), ...(await rekeyDingtalk({ ...deps, box }))]);
  return { ok: true, lines: [m.rekeyed(orgs.size, box.currentKeyId)] };
}
