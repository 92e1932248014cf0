// 接待登记 (rules R3, R4, R6): during or after a reception a station's deputy or staff member
// records each visitor — name, phone, address, the issue, its category — and confirms; the
// visit is saved with an assignment deadline of the policy's working days (7) after the reception (R4).
// Several visitors in a row: after each one, 继续 starts over at the name, station kept.
// Every step is personal, so the dialog always runs in private chat (R6), and nothing of the
// visitor is ever logged. Deputies record, they do not settle cases (R3): nothing promises
// an outcome.
import { toIsoDate, parseIsoDate } from '../../domain/calendar/working-days.ts';
import { isOfficeStaff } from '../../domain/roles.ts';
import { shanghaiParts } from '../../domain/shanghai-time.ts';
import { findOfficeUnitIds, findUnitContacts } from '../../repositories/people-repo.ts';
import { findOccurrence } from '../../repositories/reception-repo.ts';
import { listStations, recordVisit, type StationRef } from '../../repositories/visit-repo.ts';
import { warnAssumedYears } from '../../services/calendar-service.ts';
import { assignmentDeadline } from '../../services/register/visit-deadline.ts';
import { hasMeaningfulText } from '../../lib/text.ts';
import { flowMessages } from '../messages.ts';
import { parseChoice, parseYesNo } from '../parse/choice.ts';
import type { Flow, FlowContext, StepResult } from '../types.ts';
import { registerMessages as m, VISIT_CATEGORIES } from './messages.ts';

export interface RegisterDraft {
  /** The stations to choose from (office staff, or a member of several). */
  stations?: StationRef[];
  stationId?: number;
  stationName?: string;
  /** Ids recorded in this dialog, for "第 N 位". */
  recorded: number[];
  /** The event that gave this visitor's name: the source key, so a repeat finds the same row. */
  entryKey?: string;
  name?: string;
  phone?: string;
  address?: string;
  issue?: string;
  category?: string;
}

type Ctx = FlowContext<RegisterDraft>;
const NONE_WORDS = new Set(['无', '没有', '不知道', '不便提供', '不提供', '暂无']);
const CONTINUE_WORDS = new Set(['继续', '下一位', '下一个', '继续登记', '还有']);
const FINISH_WORDS = new Set(['完成', '结束', '没有了', '就这些', '好了', '结束登记']);
const ISSUE_MIN = 5;
const ISSUE_MAX = 1000;

const visitorCleared = (d: RegisterDraft): RegisterDraft => ({
  ...d, entryKey: undefined, name: undefined, phone: undefined, address: undefined, issue: undefined, category: undefined,
});

export const registerFlow: Flow<RegisterDraft> = {
  name: 'register',
  version: 1,
  title: '接待登记',
  async begin(fc) {
    const { bot } = fc;
    const actor = bot.actor;
    const own = [...new Map(actor.memberships.filter((x) => x.unit.kind === 'station').map((x) => [x.unit.id, { id: x.unit.id, name: x.unit.name }])).values()]
      .sort((a, b) => a.id - b.id);
    const stations = isOfficeStaff(actor) ? await listStations(bot.deps.db, bot.orgId) : own;
    if (stations.length === 0) {
      if (isOfficeStaff(actor) || own.length > 0) return { kind: 'done', say: m.refusal('', fc.policy.supervisingBody) };
      const office = await findUnitContacts(bot.deps.db, await findOfficeUnitIds(bot.deps.db, bot.orgId), ['staff'], bot.event.channel);
      return { kind: 'done', say: m.refusal([...new Set(office.map((c) => c.person.name))].join('、'), fc.policy.supervisingBody) };
    }
    const only = stations.length === 1 ? stations[0] : undefined;
    if (only) return { kind: 'next', step: 'name', draft: { stationId: only.id, stationName: only.name, recorded: [] }, say: m.forStation(only.name, fc.policy.supervisingBody) };
    return { kind: 'next', step: 'station', draft: { stations, recorded: [] } };
  },
  steps: {
    station: {
      help: m.stationHelp,
      label: m.labels.station,
      personal: true,
      prompt: (fc) => m.askStation((fc.draft.stations ?? []).map((s) => s.name)),
      async handle(input, fc) {
        const stations = fc.draft.stations ?? [];
        const n = parseChoice(input.text, stations.length);
        const station = n ? stations[n - 1] : stations.find((s) => s.name === input.text);
        if (!station) return { kind: 'invalid', message: m.badStation(stations.length) };
        return { kind: 'next', step: 'name', draft: { ...fc.draft, stationId: station.id, stationName: station.name }, say: m.forStation(station.name, fc.policy.supervisingBody) };
      },
    },
    name: {
      help: m.nameHelp,
      label: m.labels.name,
      personal: true,
      prompt: () => m.askName,
      async handle(input, fc) {
        const length = [...input.raw].length;
        if (length < 2 || length > 20) return { kind: 'invalid', message: m.nameLength };
        const entryKey = `event:${fc.bot.row.channel}:${fc.bot.row.id}`;
        return { kind: 'next', step: 'phone', draft: { ...fc.draft, name: input.raw, entryKey } };
      },
    },
    phone: {
      help: m.phoneHelp,
      label: m.labels.phone,
      personal: true,
      prompt: () => m.askPhone,
      async handle(input, fc) {
        const phone = input.text.replace(/[\s-]/g, '');
        if (NONE_WORDS.has(phone)) return { kind: 'next', step: 'address', draft: { ...fc.draft, phone: undefined } };
        if (!/^(1[3-9]\d{9}|0\d{9,11})$/.test(phone)) return { kind: 'invalid', message: m.badPhone };
        return { kind: 'next', step: 'address', draft: { ...fc.draft, phone } };
      },
    },
    address: {
      help: m.addressHelp,
      label: m.labels.address,
      personal: true,
      prompt: () => m.askAddress,
      async handle(input, fc) {
        if (NONE_WORDS.has(input.text)) return { kind: 'next', step: 'issue', draft: { ...fc.draft, address: undefined } };
        const length = [...input.raw].length;
        if (length < 2 || length > 100) return { kind: 'invalid', message: m.addressLength };
        return { kind: 'next', step: 'issue', draft: { ...fc.draft, address: input.raw } };
      },
    },
    issue: {
      help: m.issueHelp,
      label: m.labels.issue,
      personal: true,
      prompt: () => m.askIssue,
      async handle(input, fc) {
        const length = [...input.raw].length;
        if (length < ISSUE_MIN || length > ISSUE_MAX) return { kind: 'invalid', message: m.issueLength };
        if (!hasMeaningfulText(input.raw)) return { kind: 'invalid', message: flowMessages.needsWords('来访者反映的问题', m.issueExample) };
        return { kind: 'next', step: 'category', draft: { ...fc.draft, issue: input.raw } };
      },
    },
    category: {
      help: m.categoryHelp,
      label: m.labels.category,
      personal: true,
      prompt: () => m.askCategory,
      async handle(input, fc) {
        const n = parseChoice(input.text, VISIT_CATEGORIES.length);
        const category = n ? VISIT_CATEGORIES[n - 1] : VISIT_CATEGORIES.find((c) => c === input.text);
        if (!category) return { kind: 'invalid', message: m.badCategory };
        return { kind: 'next', step: 'confirm', draft: { ...fc.draft, category } };
      },
    },
    confirm: {
      help: m.confirmHelp,
      personal: true,
      prompt: (fc) => {
        const d = fc.draft;
        return m.summary({ station: d.stationName!, name: d.name!, phone: d.phone, address: d.address, issue: d.issue!, category: d.category! });
      },
      async handle(input, fc) {
        const answer = parseYesNo(input.text);
        if (answer === undefined) return { kind: 'invalid', message: m.yesNo };
        if (answer === 'no') return { kind: 'next', step: 'next', draft: visitorCleared(fc.draft), say: m.notRecorded };
        return save(fc);
      },
    },
    next: {
      help: m.nextHelp,
      personal: true,
      prompt: () => m.askNext,
      async handle(input, fc) {
        if (CONTINUE_WORDS.has(input.text)) return { kind: 'next', step: 'name', draft: visitorCleared(fc.draft) };
        if (FINISH_WORDS.has(input.text)) return { kind: 'done', say: m.finished(fc.draft.recorded.length, fc.policy.supervisingBody) };
        return { kind: 'invalid', message: m.badNext };
      },
    },
  },
};

async function save(fc: Ctx): Promise<StepResult<RegisterDraft>> {
  const d = fc.draft;
  const { db } = fc.bot.deps;
  // Rule R4: the reception is today (Shanghai); assigned within the policy's working days of it.
  const receptionDay = toIsoDate(shanghaiParts(fc.now).date);
  const deadline = await assignmentDeadline(db, fc.bot.orgId, receptionDay);
  const occurrence = await findOccurrence(db, d.stationId!, receptionDay);
  const visit = await recordVisit(db, {
    orgId: fc.bot.orgId,
    unitId: d.stationId!,
    occurrenceId: occurrence?.id,
    recordedById: fc.bot.actor.id,
    visitorName: d.name!,
    visitorPhone: d.phone,
    visitorAddress: d.address,
    issue: d.issue!,
    category: d.category!,
    deadline: deadline.value,
    sourceKey: d.entryKey ?? `event:${fc.bot.row.channel}:${fc.bot.row.id}`,
    now: fc.now,
  });
  await warnAssumedYears({ db, outbound: fc.bot.deps.outbound, logger: fc.bot.deps.logger }, fc.bot.orgId, deadline.assumedYears);
  const recorded = d.recorded.includes(visit.id) ? d.recorded : [...d.recorded, visit.id];
  const n = recorded.indexOf(visit.id) + 1;
  const due = parseIsoDate(visit.deadline);
  return {
    kind: 'next',
    step: 'next',
    draft: { ...visitorCleared(d), recorded },
    say: m.recorded(n, visit.id, `${due.month}月${due.day}日`, fc.policy.supervisingBody),
  };
}
