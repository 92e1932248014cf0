// A synthetic province roster in the import file's columns: deputies of the five levels (most
// of them township deputies), 50 to a group, spread over `stations` liaison stations, the first
// of each group its leader and of each station its head; every 20th deputy also sits at a second
// level (two rows), every 4th has a DingTalk account too.
import { ROSTER_HEADER } from '../../src/services/roster/roster-types.ts';

const LEVEL_SHARE: [string, number][] = [['乡镇', 0.6], ['县区', 0.25], ['市', 0.1], ['省', 0.04], ['全国', 0.01]];

export interface ProvinceOptions {
  deputies: number;
  stations: number;
  /** The second file of a re-import: some levels and roles changed, some people gone, some new. */
  revision?: boolean;
}

function level(i: number): string {
  let x = ((i * 7919) % 10_000) / 10_000;
  for (const [name, share] of LEVEL_SHARE) if ((x -= share) < 0) return name;
  return '乡镇';
}

export const provinceMobile = (i: number) => `1${String(3_000_000_000 + i)}`;

/** The rows, header first; `revision` changes every 10th level, every 25th station role, drops every 100th and adds 1 %. */
export function provinceRoster({ deputies, stations, revision = false }: ProvinceOptions): string[] {
  const lines = [ROSTER_HEADER.join(',')];
  const stationOf = (i: number) => Math.floor(((i % deputies) * stations) / deputies) + 1;
  const count = revision ? deputies + Math.floor(deputies / 100) : deputies;
  for (let i = 0; i < count; i++) {
    if (revision && i % 100 === 7 && i < deputies) continue;
    const group = Math.floor(i / 50) + 1;
    const station = stationOf(i);
    const head = i === 0 || stationOf(i - 1) !== station;
    let lv = level(i);
    if (revision && i % 10 === 3) lv = lv === '乡镇' ? '县区' : '乡镇';
    const stationRole = head && i < deputies ? '站长' : revision && i % 25 === 1 ? '联络员' : '成员';
    const row = (l: string) => `代表${i},${provinceMobile(i)},p${i},${i % 4 === 0 ? `dt${i}` : ''},${l},第${group}代表小组,${i % 50 === 0 ? '组长' : '成员'},第${station}联络站,${stationRole}`;
    lines.push(row(lv));
    if (i % 20 === 0) lines.push(row(lv === '全国' ? '省' : '全国'));
  }
  return lines;
}

export function provinceCsv(options: ProvinceOptions): string {
  return '\uFEFF' + provinceRoster(options).join('\n') + '\n';
}
