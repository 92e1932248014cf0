// npm run station -- preview|rule|plan|duty STATION … [--org CODE]   (rules R1, R2)
// preview only reads; rule stores the station's rule and re-plans its upcoming days; plan
// materialises reception days with their duty deputies; duty sets one day's deputies.
import { ConfigError, loadConfig } from '../src/config.ts';
import { describeReceptionRule, type ReceptionDate } from '../src/domain/calendar/reception-rule.ts';
import { parseIsoDate } from '../src/domain/calendar/working-days.ts';
import { isoWeekday, weekdayName } from '../src/domain/shanghai-time.ts';
import { migrateDatabase } from '../src/repositories/migrate.ts';
import { findOrganisationByCode } from '../src/repositories/org-repo.ts';
import { connectDb, type Db } from '../src/repositories/prisma.ts';
import { findStation, listStationNames } from '../src/repositories/reception-repo.ts';
import { calendarMessages, loadCalendar } from '../src/services/calendar-service.ts';
import {
  monthOf,
  overrideDuties,
  planOccurrences,
  previewDates,
  setStationRule,
  stationRule,
  todayIn,
  upcomingDates,
  type PlannedDay,
} from '../src/services/reception/reception-plan-service.ts';
import { parseStationArgs, STATION_USAGE, type StationCommand } from '../src/services/reception/station-args.ts';

const HOLIDAY_NOTE = { next: '遇节假日顺延', previous: '遇节假日提前', keep: '' } as const;

/** `2026-10-08 周四 （原定 2026-10-06 遇节假日顺延） 值班：赵文华、钱秀英` — the date first (contract). */
function line(d: ReceptionDate & Partial<PlannedDay>, policy: keyof typeof HOLIDAY_NOTE): string {
  const notes: string[] = [];
  if (d.moved) notes.push(`（原定 ${d.nominal} ${HOLIDAY_NOTE[policy]}）`);
  if (d.clamped) notes.push('（当月无此日，取最后一个）');
  if (!d.workingDay) notes.push('（非工作日，请确认）');
  const duties = d.duties && d.duties.length > 0 ? ` 值班：${d.duties.join('、')}` : '';
  return `${d.date} ${weekdayName(isoWeekday(parseIsoDate(d.date)))}${notes.length ? ' ' + notes.join('') : ''}${duties}`;
}

function warnAssumed(years: number[]): void {
  // stderr, so stdout stays one date per line.
  for (const y of years) console.error(calendarMessages.assumedYear(y));
}

async function main(): Promise<number> {
  const parsed = parseStationArgs(process.argv.slice(2));
  if (!parsed.ok) {
    for (const p of parsed.problems) console.error(p);
    console.error(STATION_USAGE);
    return 2;
  }
  const config = loadConfig();
  await migrateDatabase(config.databaseUrl);
  const db = await connectDb(config.databaseUrl);
  try {
    return await run(db, parsed.command, parsed.orgCode ?? config.orgCode);
  } finally {
    await db.$disconnect();
  }
}

async function run(db: Db, command: StationCommand, orgCode: string): Promise<number> {
  const org = await findOrganisationByCode(db, orgCode);
  if (!org) {
    console.error(`--org: 没有代码为「${orgCode}」的组织，请先导入名册`);
    return 2;
  }
  const station = await findStation(db, org.id, command.station);
  if (!station) {
    const names = await listStationNames(db, org.id);
    console.error(`STATION: 本组织没有名为「${command.station}」的联络站；现有：${names.join('、') || '（无）'}`);
    return 2;
  }
  const now = new Date();
  // Statutory holidays corrected by the organisation's own overrides (npm run calendar).
  const calendar = await loadCalendar(db, org.id);
  const policy = stationRule(station).onNonWorkingDay;
  if (command.name === 'preview') {
    const result = await previewDates(db, station, command.from, command.months, now, calendar);
    warnAssumed(result.assumedYears);
    for (const d of result.value) console.log(line(d, policy));
    return 0;
  }
  if (command.name === 'plan') {
    const from = command.from ?? monthOf(todayIn(now));
    const result = await planOccurrences(db, station, from, command.months, now, calendar);
    warnAssumed(result.assumedYears);
    for (const d of result.value) console.log(line(d, policy));
    return 0;
  }
  if (command.name === 'rule') {
    const result = await setStationRule(db, station, command.rule, now, calendar);
    if (!result.ok) {
      console.error(`rule: ${result.message}`);
      return 2;
    }
    console.log(`${station.name}：${describeReceptionRule(result.rule)}`);
    if (result.cancelled > 0 || result.replanned.length > 0) {
      console.log(`已重新安排：取消 ${result.cancelled} 个原定接待日，今后的接待日按新规则安排。`);
    }
    const next = upcomingDates(result.rule, 3, now, calendar);
    warnAssumed(next.assumedYears);
    for (const d of next.value) console.log(line(d, result.rule.onNonWorkingDay));
    return 0;
  }
  const result = await overrideDuties(db, station, command.date, command.names);
  if (!result.ok) {
    console.error(
      result.reason === 'unknown_names'
        ? `NAME: ${result.names.map((n) => `「${n}」`).join('')}不是${station.name}的代表`
        : `DATE: ${station.name}在 ${command.date} 没有安排接待日（先运行 plan）`,
    );
    return 2;
  }
  console.log(`${result.date} ${station.name}值班代表：${result.names.join('、')}`);
  return 0;
}

main().then(
  (code) => process.exit(code),
  (err) => {
    console.error(err instanceof ConfigError ? err.message : `failed: ${(err as Error).message}`);
    process.exit(1);
  },
);
