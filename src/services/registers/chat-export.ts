// 导出 考勤簿 本季度 (by chat): who may have which unit's registers (export-access.ts), which
// book and period the words mean, and the request the worker builds the file from — never
// inside the chat event's processing, so a large book holds up nobody's message. The file goes
// to the person privately as a file message (rule R6); whoever may not export is told whom to
// ask. The console will call the same functions.
import { parseBookName, type BookName } from '../../domain/registers/book-names.ts';
import { exportScope, type UnitRef } from '../../domain/registers/export-access.ts';
import { periodFromWords } from '../../domain/registers/period.ts';
import { ROLE_LABEL, UNIT_LEAD_ROLES, type Actor } from '../../domain/roles.ts';
import { findUnitByName } from '../../repositories/activity-repo.ts';
import { requestExport } from '../../repositories/export-request-repo.ts';
import { findOfficeUnitIds, findUnitContacts } from '../../repositories/people-repo.ts';
import type { Db } from '../../repositories/prisma.ts';
import { bookNamed } from './catalog.ts';
import { exportText as m } from './messages.ts';

export interface ChatExportDeps {
  db: Db;
  now: Date;
  /** The request is due now: wake the worker that builds files. */
  onRequested?: () => void;
}

export interface Requester extends Actor {
  id: number;
  orgId: number;
}

export interface ChatExportRequest {
  person: Requester;
  channel: string;
  /** Unique to the chat event: a reprocessed event asks once. */
  sourceKey: string;
  /** What followed 导出: book, optional unit, period words. */
  args: string;
  inGroup: boolean;
}

const ALL_WORDS = new Set(['全部', '全部台帐', '台帐', 'all']);

/** Reads the request, checks who may have it, writes it for the worker; returns the one sentence to answer. */
export async function requestChatExport(deps: ChatExportDeps, r: ChatExportRequest): Promise<string> {
  const words = r.args.split(/\s+/).filter(Boolean);
  if (words.length === 0) return m.usage;
  const book = ALL_WORDS.has(words[0]!.toLowerCase()) ? 'all' : parseBookName(words[0]!);
  if (!book) return m.unknownBook(words[0]!);
  const bookWord = book === 'all' ? '全部' : book;
  const { unit, rest } = await unitAmong(deps.db, r.person.orgId, words.slice(1));
  if (rest.length === 0) return m.needPeriod(bookWord);
  const period = periodFromWords(rest.join(''), deps.now);
  if (!period.ok) return period.message;
  const scope = exportScope(r.person, unit);
  if (!scope.ok) return refusal(deps.db, r.person, scope, unit, bookWord);
  const orgName = (await deps.db.organisation.findUnique({ where: { id: r.person.orgId }, select: { name: true } }))?.name ?? '';
  const what = book === 'all' ? `${m.allBooks}（${scope.unit?.name ?? orgName}，${period.period.label}）` : m.what(bookNamed(book).title, scope.unit?.name ?? orgName, period.period.label);
  const written = await requestExport(deps.db, {
    orgId: r.person.orgId, sourceKey: r.sourceKey, channel: r.channel, recipients: [r.person.id], requestedById: r.person.id, book,
    unitId: scope.unit?.id, fromDay: period.period.fromDay, toDay: period.period.toDay, fullNames: scope.office, caption: what,
  }, deps.now);
  if (written) deps.onRequested?.();
  return r.inGroup ? m.queuedInGroup(what) : m.queued(what);
}

/** The first word that names a unit of the organisation, if any; the others are the period. */
async function unitAmong(db: Db, orgId: number, words: string[]): Promise<{ unit?: UnitRef; rest: string[] }> {
  for (const [i, word] of words.entries()) {
    const found = await findUnitByName(db, orgId, word);
    if (found.status === 'found') return { unit: { id: found.unit.id, name: found.unit.name }, rest: words.filter((_, j) => j !== i) };
  }
  return { rest: words };
}

async function refusal(db: Db, person: Requester, scope: Exclude<ReturnType<typeof exportScope>, { ok: true }>, unit: UnitRef | undefined, book: BookName | '全部'): Promise<string> {
  if (scope.reason === 'choose_unit') return m.chooseUnit(book, scope.units.map((u) => u.name));
  if (scope.reason === 'not_your_unit') {
    const names = await askNames(db, person.orgId, [unit!.id]);
    return names ? m.notYourUnit(unit!.name, scope.units.map((u) => u.name), names) : m.nobodyToAsk;
  }
  const names = await askNames(db, person.orgId, person.memberships.filter((x) => x.unit.kind !== 'office').map((x) => x.unit.id));
  return names ? m.notAllowed(names) : m.nobodyToAsk;
}

/** 赵文华（第一代表小组组长）、…: who leads these units, or the office staff when nobody does. */
export async function askNames(db: Db, orgId: number, unitIds: number[]): Promise<string | undefined> {
  const leads = unitIds.length ? await findUnitContacts(db, unitIds, [...UNIT_LEAD_ROLES]) : [];
  const people = leads.length ? leads : await findUnitContacts(db, await findOfficeUnitIds(db, orgId), ['staff']);
  const seen = new Set<number>();
  const names = people.filter((c) => !seen.has(c.person.id) && seen.add(c.person.id)).map((c) => `${c.person.name}（${c.unit.name}${ROLE_LABEL[c.role] ?? ''}）`);
  return names.length ? names.slice(0, 4).join('、') : undefined;
}

/** For someone who leads no unit and is not office staff: whom to ask for the registers. */
export async function whomToAsk(db: Db, person: Requester): Promise<string> {
  const names = await askNames(db, person.orgId, person.memberships.filter((x) => x.unit.kind !== 'office').map((x) => x.unit.id));
  return names ? m.notAllowed(names) : m.nobodyToAsk;
}
