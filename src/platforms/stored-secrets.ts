// Start-up: credentials stored sealed (npm run org: WeCom's and DingTalk's) need SECRETS_KEY,
// and the key must open every one of them. One ConfigError line naming the organisation otherwise.
import { ConfigError } from '../config.ts';
import { SecretBox, SecretOpenError, type SecretKey } from '../lib/secret-box.ts';
import { listCredentials } from '../repositories/org-credential-repo.ts';
import { listDingtalkApps } from '../repositories/org-dingtalk-repo.ts';
import type { Db } from '../repositories/prisma.ts';
import { openDingtalkApp } from './dingtalk/org-apps.ts';
import { openCredentials } from './wecom/org-credentials.ts';

/** The box that opens them (undefined when there is no key and nothing stored). */
export async function checkStoredSecrets(db: Db, keys: SecretKey[] | undefined): Promise<SecretBox | undefined> {
  if (!keys) {
    const stored = new Set([...(await listCredentials(db)), ...(await listDingtalkApps(db))].map((row) => row.orgId)).size;
    if (stored === 0) return undefined;
    throw new ConfigError('SECRETS_KEY', `is missing: ${stored} organisation${stored === 1 ? ' has' : 's have'} credentials stored sealed with it (npm run org -- list); set the key they were stored with`);
  }
  const box = new SecretBox(keys);
  const opens = [
    ...(await listCredentials(db)).map((row) => ({ code: row.org.code, open: () => openCredentials(box, row) })),
    ...(await listDingtalkApps(db)).map((row) => ({ code: row.org.code, open: () => openDingtalkApp(box, row) })),
  ];
  for (const { code, open } of opens) {
    try {
      open();
    } catch (err) {
      if (!(err instanceof SecretOpenError)) throw err;
      throw new ConfigError('SECRETS_KEY', `does not open the stored credentials of organisation ${code} (${err.message}); set the key they were stored with`);
    }
  }
  return box;
}
