// 交办 (rules R4, R6): office staff pick a recorded reception issue, then a department of the
// organisation or forwarding to the policy's forwardBody (转县人大常委会), confirm → assigned (or forwarded). Every step is personal:
// the list carries visitors' names, shown to office staff in private chat only.
import { VISIT_STATUS } from '../../repositories/assignment-repo.ts';
import { assignmentTargets, assignVisitAs, visitsByIds, visitsForOffice } from '../../services/reception/visit-service.ts';
import { parseChoice, parseYesNo } from '../parse/choice.ts';
import type { Flow } from '../types.ts';
import { assignMessages as m, forwardLabel } from './assign-messages.ts';

export interface AssignDraft {
  /** The listed visits, so the numbers stay what the user saw. */
  visitIds: number[];
  departments: string[];
  visitId?: number;
  target?: string;
  forward?: boolean;
}

export const assignFlow: Flow<AssignDraft> = {
  name: 'register-assign',
  version: 1,
  title: '交办',
  async begin(fc) {
    const db = fc.bot.deps.db;
    const visits = await visitsForOffice(db, fc.bot.orgId, fc.bot.actor, [VISIT_STATUS.recorded]);
    if (!visits) return { kind: 'done', say: m.officeOnly(fc.policy.supervisingBody) };
    const { departments } = await assignmentTargets(db, fc.bot.orgId);
    if (departments.length === 0) return { kind: 'done', say: m.noDepartments };
    if (visits.length === 0) return { kind: 'done', say: m.nothingToAssign };
    return { kind: 'next', step: 'visit', draft: { visitIds: visits.map((v) => v.id), departments } };
  },
  steps: {
    visit: {
      personal: true, // rule R6: visitors' names
      help: m.pickVisitHelp,
      prompt: async (fc) => m.pickVisit(await visitsByIds(fc.bot.deps.db, fc.bot.orgId, fc.bot.actor, fc.draft.visitIds)),
      async handle(input, fc) {
        const n = parseChoice(input.text, fc.draft.visitIds.length);
        if (!n) return { kind: 'invalid', message: m.badPick(fc.draft.visitIds.length) };
        return { kind: 'next', step: 'department', draft: { ...fc.draft, visitId: fc.draft.visitIds[n - 1] } };
      },
    },
    department: {
      personal: true,
      help: m.departmentHelp,
      prompt: (fc) => m.pickDepartment(fc.draft.departments, fc.policy.forwardBody),
      async handle(input, fc) {
        const options = [...fc.draft.departments, forwardLabel(fc.policy.forwardBody)];
        const n = parseChoice(input.text, options.length) ?? (options.indexOf(input.raw) + 1 || undefined);
        if (!n) return { kind: 'invalid', message: m.badPick(options.length) };
        const forward = n === options.length;
        return { kind: 'next', step: 'confirm', draft: { ...fc.draft, target: options[n - 1], forward } };
      },
    },
    confirm: {
      personal: true,
      help: m.confirmHelp,
      prompt: async (fc) => {
        const [visit] = await visitsByIds(fc.bot.deps.db, fc.bot.orgId, fc.bot.actor, [fc.draft.visitId!]);
        return visit ? m.confirmAssign(visit, fc.draft.target!, fc.draft.forward === true) : m.alreadyTaken;
      },
      async handle(input, fc) {
        const answer = parseYesNo(input.text);
        if (answer === undefined) return { kind: 'invalid', message: m.yesNo };
        if (answer === 'no') return { kind: 'done', say: m.notAssigned };
        const d = fc.draft;
        const result = await assignVisitAs(fc.bot.deps.db, fc.bot.actor, { orgId: fc.bot.orgId, visitId: d.visitId!, target: d.target!, now: fc.now });
        return { kind: 'done', say: result.message };
      },
    },
  },
};
