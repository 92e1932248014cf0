// npm run chaos [-- --rounds 20 --recipients 1000 --faults 0 --seed 1 --max-kill-ms 4000 --instances 1 --postgres --bot-entry FILE --keep]
// Kills the bot with SIGKILL at random moments while it sends a notice card to N members and
// one personal text to each, round after round, then lets one clean run finish; prints what
// each recipient got as the fake WeCom API counts it. Target: 0 lost, 0 delivered twice.
// Not part of npm test (a short version is, in test/integration/chaos.test.ts).
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { runChaos, type ChaosReport } from './chaos/run.ts';

const USAGE = 'usage: npm run chaos -- [--rounds N] [--recipients N] [--faults RATE] [--seed N] [--max-kill-ms MS] [--instances N] [--postgres] [--bot-entry FILE] [--keep]';

function options() {
  const { values } = parseArgs({
    args: process.argv.slice(2),
    options: {
      rounds: { type: 'string', default: '20' },
      recipients: { type: 'string', default: '1000' },
      faults: { type: 'string', default: '0' },
      seed: { type: 'string', default: '1' },
      'max-kill-ms': { type: 'string', default: '4000' },
      keep: { type: 'boolean', default: false },
      instances: { type: 'string', default: '1' },
      postgres: { type: 'boolean', default: false },
      'bot-entry': { type: 'string', default: join(import.meta.dirname, 'chaos', 'bot-entry.ts') },
    },
  });
  const n = (name: keyof typeof values, min: number, max: number) => {
    const v = Number(values[name]);
    if (!Number.isFinite(v) || v < min || v > max) throw new Error(`--${name}: 「${values[name]}」应为 ${min} 到 ${max} 之间的数`);
    return v;
  };
  return {
    rounds: n('rounds', 0, 1000), recipients: n('recipients', 1, 5000), faultRate: n('faults', 0, 0.9), seed: n('seed', 1, 2 ** 31),
    maxKillMs: n('max-kill-ms', 0, 60_000), botEntry: String(values['bot-entry']), keep: Boolean(values.keep),
    instances: n('instances', 1, 8), postgres: Boolean(values.postgres),
  };
}

export function formatReport(r: ChaosReport, o: { rounds: number; faultRate: number; instances?: number; postgres?: boolean }): string {
  const lines = [
    '| message | recipients | delivered 0 (lost) | delivered 1 | delivered 2+ (twice) |',
    '|---|---:|---:|---:|---:|',
    ...r.counts.map((c) => `| ${c.message} | ${c.recipients} | ${c.zero} | ${c.one} | ${c.twoOrMore} |`),
    '',
    `${o.instances} instance(s) on ${o.postgres ? 'PostgreSQL' : 'SQLite'}; kill -9: ${o.rounds} rounds (${r.kills.duringStart} during start-up, ${r.kills.afterCall} right after WeCom carried out a call and before it answered, ${r.kills.atRandom} at a random moment), then one clean run; ${r.seconds} s in all`,
    `message/send calls: ${r.sendCalls}; faults injected: ${r.faultsInjected} (rate ${o.faultRate}); repeats dropped by WeCom's duplicate check: ${r.droppedByDuplicateCheck}; card repeats refused by task_id (42014): ${r.refusedTaskIds}`,
    `outbox rows: ${Object.entries(r.outbox).map(([s, n]) => `${s} ${n}`).join(', ')}; settled as "already delivered": ${r.alreadyDelivered}`,
  ];
  const lost = r.counts.reduce((a, c) => a + c.zero, 0);
  const twice = r.counts.reduce((a, c) => a + c.twoOrMore, 0);
  lines.push(`target 0 lost, 0 delivered twice: ${lost === 0 && twice === 0 ? 'PASS' : 'FAIL'} (lost ${lost}, twice ${twice})`);
  return lines.join('\n');
}

async function main(): Promise<number> {
  let o;
  try {
    o = options();
  } catch (err) {
    console.error(`${(err as Error).message}\n${USAGE}`);
    return 2;
  }
  // The personal texts wait 20 s, so the notice card goes out first, while the bot is being killed.
  const report = await runChaos({ ...o, personalDelayMs: 20_000, log: (line) => console.error(line) });
  console.log(formatReport(report, o));
  return report.counts.every((c) => c.zero === 0 && c.twoOrMore === 0) ? 0 : 1;
}

main().then(
  (code) => process.exit(code),
  (err) => {
    console.error(`chaos failed: ${(err as Error).message}`);
    process.exit(1);
  },
);
