// The set-based roster import (chunked writes, one transaction per chunk) gives exactly what the
// row-by-row import gave: the golden file was written by the row-by-row import on a roster with
// errors, updates, unchanged rows, people who left and one who comes back. The chunk is made
// small here so that people, accounts moving between two people and new units straddle chunks.
// Runs on SQLite and, with TEST_DATABASE=postgres, on PostgreSQL (same golden file).
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { deactivatePeople } from '../../src/services/roster/roster-leave.ts';
import { importRoster, previewRoster, type ImportOptions } from '../../src/services/roster/roster-service.ts';
import { ROSTER_HEADER, ROSTER_OPTIONAL_HEADER } from '../../src/services/roster/roster-types.ts';
import { createTestDb, type TestDb } from '../helpers/db.ts';

const ORG = 'equivalence-county';
const NOW = new Date('2026-11-23T02:00:00Z');
const LEVELS = ['乡镇', '县区', '市', '省', '全国'];
const GROUP_ROLES = ['组长', '副组长', '联络员', '成员', '记录员'];
const STATION_ROLES = ['站长', '副站长', '联络员', '成员'];

let t: TestDb;
beforeEach(async () => {
  t = await createTestDb();
});
afterEach(() => t.close());

const mobile = (i: number) => `139${String(10000000 + i).slice(-8)}`;
const name = (i: number) => `代表${String(i).padStart(3, '0')}`;

interface Person {
  i: number;
  level: string;
  group: string;
  groupRole: string;
  station: string;
  stationRole: string;
  wecom: string;
  dingtalk: string;
  workUnit: string;
  district: string;
  secondLevel?: string;
}

function firstRoster(): Person[] {
  return Array.from({ length: 160 }, (_, i) => ({
    i,
    level: i % 23 === 0 ? '工作人员' : LEVELS[i % 5]!,
    group: i % 23 === 0 ? '' : `第${(i % 12) + 1}代表小组`,
    groupRole: i % 23 === 0 ? '' : GROUP_ROLES[i % 7 === 0 ? i % 5 : 3]!,
    station: i % 3 === 0 ? `第${(i % 8) + 1}联络站` : '',
    stationRole: i % 3 === 0 ? STATION_ROLES[i % 4]! : '',
    wecom: i % 11 === 5 ? '' : `dep${i}`,
    dingtalk: i % 4 === 1 ? `dt${i}` : '',
    workUnit: i % 2 === 0 ? `单位${i % 9}` : '',
    district: i % 5 === 0 ? `第${i % 6}选区` : '',
    ...(i % 17 === 3 ? { secondLevel: LEVELS[(i + 2) % 5]! } : {}),
  }));
}

/** The second file: every kind of change the diff knows, and bad rows. */
function secondRoster(first: Person[]): { people: Person[]; bad: string[] } {
  const people = first.filter((p) => !(p.i >= 100 && p.i < 110)).map((p) => ({ ...p }));
  const at = (i: number) => people.find((p) => p.i === i)!;
  for (let i = 50; i < 60; i++) at(i).level = at(i).level === '工作人员' ? '乡镇' : LEVELS[(LEVELS.indexOf(at(i).level) + 1) % 5]!;
  for (let i = 60; i < 70; i++) at(i).group = at(i).group ? `第${(i % 12) + 2}代表小组` : '';
  for (let i = 70; i < 80; i++) if (at(i).station) at(i).stationRole = at(i).stationRole === '成员' ? '站长' : '成员';
  // Accounts swapped between people far apart in the file (different chunks).
  [at(80).wecom, at(150).wecom] = [at(150).wecom, at(80).wecom];
  [at(82).wecom, at(3).wecom] = [at(3).wecom, at(82).wecom];
  for (let i = 84; i < 90; i++) at(i).dingtalk = at(i).dingtalk ? '' : `dtnew${i}`;
  for (let i = 90; i < 100; i++) [at(i).workUnit, at(i).district] = [i % 2 ? '新单位' : '', `新选区${i % 3}`];
  at(120).wecom = at(120).wecom.toUpperCase(); // WeCom ids are case-insensitive, but stored as written
  at(121).secondLevel = at(121).level === '全国' ? '乡镇' : '全国';
  at(122).group = '';
  at(122).groupRole = '';
  for (let i = 200; i < 215; i++) {
    people.push({ i, level: LEVELS[i % 5]!, group: i % 2 ? '新第一代表小组' : '第1代表小组', groupRole: '成员', station: i % 3 ? '新联络站' : '', stationRole: i % 3 ? '成员' : '', wecom: `new${i}`, dingtalk: '', workUnit: '', district: '' });
  }
  // Person 140 came back (deactivated before this file); person 141 also left and stays out (removed below).
  const kept = people.filter((p) => p.i !== 141);
  const bad = [
    `${name(130)}X,${mobile(130)},dep130,,县区,第1代表小组,成员,,,,`, // a second name for person 130: 130 is skipped
    `坏号码,1380013800,,,县区,,,,,,`, // no person: a row error only
    `${name(216)},${mobile(216)},shared,,县区,第1代表小组,成员,,,,`,
    `${name(217)},${mobile(217)},shared,,县区,第1代表小组,成员,,,,`, // 216 and 217 share an account
    `${name(218)},${mobile(218)},dep105,,县区,第1代表小组,成员,,,,`, // held by 105, who is not in the file
  ];
  return { people: kept, bad };
}

function lines(people: Person[]): string[] {
  return people.flatMap((p) => {
    const row = (level: string) => [name(p.i), mobile(p.i), p.wecom, p.dingtalk, level, p.group, p.group ? p.groupRole : '', p.station, p.station ? p.stationRole : '', p.workUnit, p.district].join(',');
    return p.secondLevel ? [row(p.level), row(p.secondLevel)] : [row(p.level)];
  });
}

function csv(file: string, rows: string[]): string {
  const path = join(t.dir, file);
  writeFileSync(path, `\uFEFF${[[...ROSTER_HEADER, ...ROSTER_OPTIONAL_HEADER].join(','), ...rows].join('\r\n')}\r\n`);
  return path;
}

/** Everything an import writes, without ids or times: the same on SQLite and PostgreSQL. */
async function view() {
  const people = await t.db.person.findMany({ include: { memberships: { include: { unit: true } }, accounts: true }, orderBy: { mobile: 'asc' } });
  const units = await t.db.unit.findMany();
  const mobiles = new Map(people.map((p) => [p.id, p.mobile]));
  const events = await t.db.rosterEvent.findMany({ orderBy: [{ personId: 'asc' }, { id: 'asc' }] });
  return {
    people: people.map((p) => [p.mobile, p.name, p.levels, p.isStaff, p.workUnit, p.district, p.leftAt !== null,
      p.memberships.map((m) => `${m.unit.kind}:${m.unit.name}:${m.role}`).sort().join(';'),
      p.accounts.map((a) => `${a.channel}:${a.platformUserId}`).sort().join(';')].join('|')),
    units: units.map((u) => `${u.kind}:${u.name}`).sort(),
    events: events.map((e) => `${mobiles.get(e.personId)}:${e.action}:${e.note}`).sort(),
  };
}

async function updatedAt(): Promise<Map<string, number>> {
  return new Map((await t.db.person.findMany({ select: { mobile: true, updatedAt: true } })).map((p) => [p.mobile, p.updatedAt.getTime()]));
}

const changedSince = (before: Map<string, number>, after: Map<string, number>) => [...after].filter(([m, at]) => before.get(m) !== at).map(([m]) => m).sort();

describe('the set-based roster import gives what the row-by-row import gave', () => {
  it('rule U1: errors, updates, unchanged rows, people who left and one who comes back', async () => {
    const first = firstRoster();
    const options = (file: string, rows: string[]): ImportOptions => ({ orgCode: ORG, orgName: '等价县', file: csv(file, rows), now: NOW, skipBadRows: true, chunkSize: 7 });
    const firstReport = await importRoster(t.db, options('first.csv', lines(first)));
    const firstView = await view();
    const org = await t.db.organisation.findUniqueOrThrow({ where: { code: ORG } });
    const leaving = await t.db.person.findMany({ where: { mobile: { in: [mobile(140), mobile(141)] } }, orderBy: { mobile: 'asc' } });
    await deactivatePeople(t.db, { orgId: org.id, personIds: leaving.map((p) => p.id), reason: '代表关系转出', actorId: null, now: NOW });

    const { people, bad } = secondRoster(first);
    const rows = [...lines(people), ...bad];
    const preview = await previewRoster(t.db, options('second.csv', rows));
    const strict = await importRoster(t.db, { ...options('second.csv', rows), skipBadRows: false });
    const before = await updatedAt();
    await new Promise((r) => setTimeout(r, 5));
    const secondReport = await importRoster(t.db, options('second.csv', rows));
    const secondView = await view();
    const updated = changedSince(before, await updatedAt());
    const again = await importRoster(t.db, options('second.csv', rows));

    expect(updated).toEqual([...secondReport.updatedNames.map((n) => mobile(Number(n.slice(2))))].concat(
      secondView.people.filter((p) => /\|代表2\d\d\|/.test(p)).map((p) => p.split('|')[0]!),
    ).sort());
    expect(again).toMatchObject({ created: 0, updated: 0, unchanged: secondReport.created + secondReport.updated + secondReport.unchanged });
    await expect(JSON.stringify({ firstReport, firstView, preview, strict, secondReport, secondView, again }, null, 1))
      .toMatchFileSnapshot('./__snapshots__/roster-import-equivalence.json');
  });
});
