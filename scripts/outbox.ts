// npm run outbox -- list [--status dead|uncertain] | retry ID | retry --all [--status dead|uncertain] | discard ID  [--org CODE]
// Messages the bot gave up on, for office staff. One line per row; exit 0 done, 1 an unknown
// id or a row not in a state to change, 2 the command line itself is wrong.
import { parseArgs } from 'node:util';
import { formatDateTime } from '../src/domain/shanghai-time.ts';
import type { Db } from '../src/repositories/prisma.ts';
import { discardForStaff, listForStaff, retryForStaff, STAFF_STATUSES, type StaffActionResult, type StaffRow, type StaffStatus } from '../src/services/outbox-admin.ts';
import { runCli, withOrganisation } from './cli.ts';

const USAGE = 'usage: npm run outbox -- list [--status dead|uncertain] | retry ID | retry --all [--status dead|uncertain] | discard ID [--org CODE]  (help: npm run outbox -- help)';

const HELP = `npm run outbox — 发送失败或结果不明的消息

  list [--status dead|uncertain]   列出消息，每行一条：编号、状态、类型、收件人、尝试次数、首次发送时间、错误
  retry ID                         重新发送这一条
  retry --all [--status dead|uncertain]
                                   重新发送全部 dead（默认）或全部 uncertain 的消息
  discard ID                       放弃这一条，不再发送
  --org CODE                       组织代码（默认 ORG_CODE）

状态：
  dead       确定没有送达（企业微信拒收，或多次重试仍失败）。retry 重新发送，不会重复。
  uncertain  可能已经送达，也可能没有（发出后连接中断、超时、进程中途退出，且已超过企业微信的
             重复检查时限）。系统不会自动重发。retry 是工作人员的决定：接受对方可能收到两次。
             文字消息若首次发出不到 4 小时，企业微信会丢弃重复的一条；卡片任何时候都不会重复。`;

type Command =
  | { op: 'help' }
  | { op: 'list'; statuses: StaffStatus[] }
  | { op: 'retry'; id: number }
  | { op: 'retry-all'; status: StaffStatus }
  | { op: 'discard'; id: number };

/** The command, or one line saying what is wrong. */
function parseCommand(argv: string[]): { command: Command; org?: string } | string {
  let parsed;
  try {
    parsed = parseArgs({ args: argv, allowPositionals: true, options: { status: { type: 'string' }, all: { type: 'boolean' }, org: { type: 'string' } } });
  } catch (err) {
    return `${(err as Error).message}\n${USAGE}`;
  }
  const { positionals: [op, id, ...extra], values } = parsed;
  const status = values.status as StaffStatus | undefined;
  if (status !== undefined && !STAFF_STATUSES.includes(status)) return `--status: 「${values.status}」不对，只能是 dead 或 uncertain`;
  if (extra.length) return USAGE;
  const org = values.org;
  if (op === 'help' && !id) return { command: { op: 'help' } };
  if (op === 'list' && !id && !values.all) return { command: { op: 'list', statuses: status ? [status] : [...STAFF_STATUSES] }, org };
  if (op === 'retry' && values.all && !id) return { command: { op: 'retry-all', status: status ?? 'dead' }, org };
  if ((op === 'retry' || op === 'discard') && id && !values.all && !status) {
    if (!/^[1-9]\d{0,9}$/.test(id)) return `ID: 「${id}」不是消息编号（list 列出的第一列数字）`;
    return { command: { op, id: Number(id) }, org };
  }
  return USAGE;
}

function describeRow(row: StaffRow): string {
  const users = row.recipient.split('|');
  const to = users.length > 3 ? `${users.slice(0, 3).join('|')} 等 ${users.length} 人` : row.recipient;
  const first = row.firstAttemptAt ? formatDateTime(row.firstAttemptAt) : '未发出';
  const error = row.lastError ? `${row.lastErrcode ?? ''} ${row.lastError.replace(/\s+/g, ' ').slice(0, 100)}`.trim() : '';
  return [row.id, row.status, row.kind, to, `尝试 ${row.attempts} 次`, `首次 ${first}`, error].filter(Boolean).join('  ');
}

/** One line for a retry or discard, and its exit code. */
function outcome(result: StaffActionResult, id: number, done: (row: StaffRow) => string): [string, number] {
  if (result.ok) return [done(result.row), 0];
  if (result.reason === 'not_found') return [`没有编号为 ${id} 的消息`, 1];
  return [`消息 ${id} 的状态是 ${result.row.status}：只有 dead 或 uncertain 的消息可以重发或放弃`, 1];
}

const retried = (row: StaffRow) =>
  row.status === 'uncertain' ? `${row.id} 已重新排队（原为 uncertain：对方可能收到两次）` : `${row.id} 已重新排队（原为 ${row.status}）`;

async function run(db: Db, orgId: number, command: Exclude<Command, { op: 'help' }>): Promise<number> {
  if (command.op === 'list') {
    const rows = await listForStaff(db, orgId, command.statuses);
    if (rows.length === 0) console.log(`没有状态为 ${command.statuses.join(' 或 ')} 的消息`);
    for (const row of rows) console.log(describeRow(row));
    return 0;
  }
  if (command.op === 'retry-all') {
    const rows = await listForStaff(db, orgId, [command.status]);
    if (rows.length === 0) console.log(`没有状态为 ${command.status} 的消息`);
    let code = 0;
    for (const row of rows) {
      const [line, rc] = outcome(await retryForStaff(db, orgId, row.id, new Date()), row.id, retried);
      (rc ? console.error : console.log)(line);
      code = Math.max(code, rc);
    }
    return code;
  }
  const result = command.op === 'retry' ? await retryForStaff(db, orgId, command.id, new Date()) : await discardForStaff(db, orgId, command.id);
  const [line, code] = outcome(result, command.id, command.op === 'retry' ? retried : (row) => `${row.id} 已放弃（原为 ${row.status}）`);
  (code ? console.error : console.log)(line);
  return code;
}

async function main(): Promise<number> {
  const parsed = parseCommand(process.argv.slice(2));
  if (typeof parsed === 'string') {
    console.error(parsed);
    return 2;
  }
  if (parsed.command.op === 'help') {
    console.log(HELP);
    return 0;
  }
  const command = parsed.command;
  return withOrganisation(parsed.org, ({ db, org }) => run(db, org.id, command));
}

runCli(main);
