// What the directory of one platform's apps looks up and what it keeps: an organisation's app,
// or that it has none, for a minute by id; a code's app, never a code's absence.
import { describe, expect, it } from 'vitest';
import { OrgAppDirectory, type OrgApp, type StoredOrgApps } from '../../../src/platforms/org-app-directory.ts';

interface App extends OrgApp {
  secret: string;
}

/** Stored apps in memory, counting the lookups that reach them. */
function storedApps(apps: App[]): StoredOrgApps<App> & { lookups: string[]; apps: App[] } {
  const lookups: string[] = [];
  return {
    lookups,
    apps,
    byCode: async (code) => (lookups.push(`code:${code}`), apps.find((a) => a.code === code)),
    byOrgId: async (orgId) => (lookups.push(`id:${orgId}`), apps.find((a) => a.orgId === orgId)),
  };
}

function setup(apps: App[], envOrg?: App) {
  let now = 0;
  const stored = storedApps(apps);
  const directory = new OrgAppDirectory<App>(envOrg, stored, () => now);
  return { directory, stored, wait: (ms: number) => void (now += ms) };
}

const countyB: App = { orgId: 2, code: 'county-b', secret: 'b-1' };

describe('OrgAppDirectory', () => {
  it('the variables\' organisation is answered without a lookup, by code and by id', async () => {
    const home: App = { orgId: 1, code: 'county-a', secret: 'env' };
    const { directory, stored } = setup([{ ...home, secret: 'stored' }], home);
    expect(await directory.byCode('county-a')).toBe(home);
    expect(await directory.byOrgId(1)).toBe(home);
    expect(stored.lookups).toEqual([]);
  });

  it('without stored apps (no SECRETS_KEY) only the variables\' organisation is known', async () => {
    const directory = new OrgAppDirectory<App>(undefined, undefined, () => 0);
    expect(await directory.byCode('county-b')).toBeUndefined();
    expect(await directory.byOrgId(2)).toBeUndefined();
  });

  it('a found app is kept for a minute, then looked up again (a changed secret takes effect)', async () => {
    const { directory, stored, wait } = setup([countyB]);
    expect((await directory.byOrgId(2))?.secret).toBe('b-1');
    stored.apps[0] = { ...countyB, secret: 'b-2' };
    wait(59_000);
    expect((await directory.byOrgId(2))?.secret).toBe('b-1');
    expect((await directory.byCode('county-b'))?.secret).toBe('b-1');
    expect(stored.lookups).toEqual(['id:2']);
    wait(1_000);
    expect((await directory.byCode('county-b'))?.secret).toBe('b-2');
    expect((await directory.byOrgId(2))?.secret).toBe('b-2');
    expect(stored.lookups).toEqual(['id:2', 'code:county-b']);
  });

  it('an organisation with no app is kept as such for a minute: one lookup, not one per message', async () => {
    const { directory, stored, wait } = setup([]);
    for (let i = 0; i < 100; i++) expect(await directory.byOrgId(3)).toBeUndefined();
    expect(stored.lookups).toEqual(['id:3']);
    wait(60_000);
    expect(await directory.byOrgId(3)).toBeUndefined();
    expect(stored.lookups).toEqual(['id:3', 'id:3']);
  });

  it('a message about to go out looks again past a kept "none": an app added meanwhile is found at once', async () => {
    const { directory, stored } = setup([]);
    expect(await directory.byOrgId(2)).toBeUndefined();
    stored.apps.push(countyB);
    expect(await directory.byOrgId(2)).toBeUndefined();
    expect(await directory.byOrgId(2, { recheckMiss: true })).toEqual(countyB);
    expect(await directory.byOrgId(2)).toEqual(countyB);
  });

  it('a callback URL of an app added after a kept "none" is answered at once, and then by id too', async () => {
    const { directory, stored } = setup([]);
    expect(await directory.byOrgId(2)).toBeUndefined();
    stored.apps.push(countyB);
    expect(await directory.byCode('county-b')).toEqual(countyB);
    expect(await directory.byOrgId(2)).toEqual(countyB);
    expect(stored.lookups).toEqual(['id:2', 'code:county-b']);
  });

  it('an unknown code is looked up every time (any request can name one: nothing is kept for it); a malformed one never', async () => {
    const { directory, stored } = setup([]);
    for (let i = 0; i < 3; i++) expect(await directory.byCode('nowhere')).toBeUndefined();
    expect(await directory.byCode('../etc')).toBeUndefined();
    expect(await directory.byCode('X'.repeat(40))).toBeUndefined();
    expect(stored.lookups).toEqual(['code:nowhere', 'code:nowhere', 'code:nowhere']);
  });
});
