// What `npm run org` does: add an organisation with its WeCom credentials, list them (secrets
// masked), change a field, re-seal everything with the newest key. Secrets are sealed before
// they reach the database; nothing here prints one.
import { SecretBox } from '../../../lib/secret-box.ts';
import { findCredentialByCode, insertCredential, listCredentials, updateCredential, type CredentialRow } from '../../../repositories/org-credential-repo.ts';
import { ensureOrganisation } from '../../../repositories/people-repo.ts';
import type { Db } from '../../../repositories/prisma.ts';
import { openCredentials, sealCredentials, SECRET_FIELDS, WECOM_CHANNEL, type WecomCredentials } from '../org-credentials.ts';
import { checkComplete, FIELDS } from './args.ts';
import { orgMessages as m } from './messages.ts';

export interface OrgAdminDeps {
  db: Db;
  /** SECRETS_KEY's box; add, set and rekey refuse without it. */
  box?: SecretBox;
  /** ORG_CODE when the WECOM_* variables are set: they win over stored credentials for it. */
  envOrgCode?: string;
  /** The WECOM_* variables' app, so no stored organisation is given the same one. */
  envApp?: { corpId: string; agentId: number };
  now: Date;
}

export type AdminResult = { ok: true; lines: string[] } | { ok: false; error: string };

const fail = (error: string): AdminResult => ({ ok: false, error });

export async function addOrg(deps: OrgAdminDeps, code: string, name: string, fields: Partial<WecomCredentials>): Promise<AdminResult> {
  const incomplete = checkComplete(fields, 'add');
  if (incomplete) return fail(incomplete);
  if (!deps.box) return fail(m.noKey);
  if (await findCredentialByCode(deps.db, code, WECOM_CHANNEL)) return fail(m.exists(code));
  const taken = await appTakenBy(deps, code, fields.corpId!, fields.agentId!);
  if (taken) return fail(m.appTaken(fields.corpId!, fields.agentId!, taken));
  const org = await ensureOrganisation(deps.db, code, name);
  const sealed = sealCredentials(deps.box, org.id, fields);
  const added = await insertCredential(deps.db, org.id, WECOM_CHANNEL, { botToken: null, botAesKey: null, ...sealed } as Parameters<typeof insertCredential>[3], deps.now);
  if (!added) return fail(m.exists(code));
  const lines = [m.added(code, name, `/wecom/callback/${code}`)];
  if (fields.botToken) lines.push(m.addedRobot(`/wecom/bot/callback/${code}`));
  if (deps.envOrgCode === code) lines.push(m.envWins(code));
  return { ok: true, lines };
}

export async function setOrg(deps: OrgAdminDeps, code: string, fields: Partial<WecomCredentials>): Promise<AdminResult> {
  const incomplete = checkComplete(fields, 'set');
  if (incomplete) return fail(incomplete);
  if (!deps.box) return fail(m.noKey);
  const row = await findCredentialByCode(deps.db, code, WECOM_CHANNEL);
  if (!row) return fail(m.unknownOrg(code));
  // A robot has both keys or none: one key alone may change only a robot that has the other.
  const robotAfter = [fields.botToken ?? row.botToken, fields.botAesKey ?? row.botAesKey].map((v) => v !== null && v !== '');
  if (robotAfter[0] !== robotAfter[1]) return fail(m.robotPair);
  const [corpId, agentId] = [fields.corpId ?? row.corpId, fields.agentId ?? row.agentId];
  const taken = await appTakenBy(deps, code, corpId, agentId);
  if (taken) return fail(m.appTaken(corpId, agentId, taken));
  await updateCredential(deps.db, row.orgId, WECOM_CHANNEL, sealCredentials(deps.box, row.orgId, fields));
  const flags = FIELDS.filter((f) => fields[f.field] !== undefined).map((f) => f.flag.slice(2));
  return { ok: true, lines: [m.updated(code, flags)] };
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

/** One line per organisation; a secret shows only that it is set and which key sealed it. */
export async function listOrgs(deps: Pick<OrgAdminDeps, 'db' | 'envOrgCode'>): Promise<AdminResult> {
  const rows = await listCredentials(deps.db, WECOM_CHANNEL);
  if (rows.length === 0) return { ok: true, lines: [m.none] };
  return { ok: true, lines: rows.map((row) => describe(row, deps.envOrgCode)) };
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
  if (!deps.box) return fail(m.noKey);
  const rows = await listCredentials(deps.db);
  for (const row of rows) {
    const plain = openCredentials(deps.box, row);
    await updateCredential(deps.db, row.orgId, row.channel, sealCredentials(deps.box, row.orgId, plain));
  }
  return { ok: true, lines: [m.rekeyed(rows.length, deps.box.currentKeyId)] };
}
