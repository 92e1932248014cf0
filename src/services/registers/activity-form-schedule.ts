// Rule A5 on the calendar: the quarterly form's steps (draft, chase, last call, missing forms)
// are planned rows (ScheduledRun, job "activity-form:<step>", unique per organisation and
// quarter), planned a quarter ahead from each organisation's policy. A bot that was down over
// a step catches it up while it still serves (formStepWindows) and reports it missed after;
// a chase finds only forms still unconfirmed, so the reminders stop once a leader confirms.
import { formStepWindows, type FormStep } from '../../domain/registers/activity-form.ts';
import { quarterById, quarterOf } from '../../domain/quarterly-duties.ts';
import type { Clock } from '../../lib/clock.ts';
import { errorLine } from '../../lib/errors.ts';
import type { Logger } from '../../lib/logger.ts';
import { loadPolicy } from '../../repositories/org-repo.ts';
import type { Db } from '../../repositories/prisma.ts';
import { dueRuns, finishRun, planRuns, type NewScheduledRun } from '../../repositories/scheduled-run-repo.ts';
import { CATCH_UP_MS } from '../notices/send-due-notices.ts';
import type { Outbound } from '../outbound.ts';
import { chaseForms, draftForms, reportMissingForms, type FormDeps } from './activity-form-service.ts';

export const FORM_JOB = 'activity-form:';
const STEPS = new Set<string>(['draft', 'chase', 'last_call', 'overdue']);

export interface FormScheduleDeps {
  db: Db;
  clock: Clock;
  outbound: Outbound;
  logger: Logger;
  onRunMissed?(job: string): void;
  onFilesRequested?: () => void;
}

/**
 * Plans this quarter's and the next quarter's steps for every organisation. On a fresh
 * install a reminder more than a day past is left out (as notices are at start-up); the draft
 * is planned while its quarter lasts, since the form is still owed.
 */
export async function planFormRuns(db: Db, now: Date): Promise<number> {
  const current = quarterOf(now);
  const rows: NewScheduledRun[] = [];
  for (const org of await db.organisation.findMany({ select: { id: true }, orderBy: { id: 'asc' } })) {
    const policy = await loadPolicy(db, org.id);
    for (const q of [current, quarterOf(current.end)]) {
      for (const w of formStepWindows(q, policy)) {
        const fresh = w.step === 'draft' || w.dueAt.getTime() > now.getTime() - CATCH_UP_MS;
        if (fresh && w.expiresAt.getTime() > now.getTime()) rows.push({ orgId: org.id, job: `${FORM_JOB}${w.step}`, period: q.id, dueAt: w.dueAt, expiresAt: w.expiresAt });
      }
    }
  }
  return planRuns(db, rows, now);
}

/** Runs the planned steps whose time has come; one found past its window is reported, not run. */
export async function runDueFormSteps(deps: FormScheduleDeps): Promise<number> {
  const now = deps.clock.now();
  let done = 0;
  for (const run of await dueRuns(deps.db, FORM_JOB, now)) {
    const step = run.job.slice(FORM_JOB.length);
    const quarter = quarterById(run.period);
    if (!quarter || !STEPS.has(step) || run.expiresAt.getTime() <= now.getTime()) {
      if (await finishRun(deps.db, run.id, 'missed', now)) {
        deps.logger.warn({ orgId: run.orgId, job: run.job, period: run.period, dueAt: run.dueAt }, 'activity form step not run in its window (the bot was not running)');
        deps.onRunMissed?.(run.job);
      }
      continue;
    }
    const formDeps: FormDeps = { db: deps.db, outbound: deps.outbound, now, onFilesRequested: deps.onFilesRequested };
    await runStep(formDeps, run.orgId, step as FormStep, quarter);
    if (await finishRun(deps.db, run.id, 'done', now)) done++;
  }
  return done;
}

function runStep(deps: FormDeps, orgId: number, step: FormStep, q: NonNullable<ReturnType<typeof quarterById>>): Promise<number> {
  if (step === 'draft') return draftForms(deps, orgId, q);
  if (step === 'overdue') return reportMissingForms(deps, orgId, q);
  return chaseForms(deps, orgId, q, step);
}

const PLAN_EVERY_MS = 60 * 60_000;
const lastPlanned = new WeakMap<object, number>();

/** For the scheduler tick: plans at most hourly per deps object, runs what is due, logs rather than throws. */
export async function runActivityForms(deps: FormScheduleDeps): Promise<void> {
  const now = deps.clock.now();
  try {
    if (now.getTime() - (lastPlanned.get(deps) ?? Number.NEGATIVE_INFINITY) >= PLAN_EVERY_MS) {
      await planFormRuns(deps.db, now);
      lastPlanned.set(deps, now.getTime());
    }
    const done = await runDueFormSteps(deps);
    if (done) deps.logger.info({ done }, 'activity form steps run');
  } catch (err) {
    deps.logger.error({ err: errorLine(err) }, 'activity form steps failed');
  }
}
