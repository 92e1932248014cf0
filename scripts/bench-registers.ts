// npm run bench:registers [-- --rows 1000,10000,50000 --book-rows 10000]
// How long a register takes to write and how much memory it holds, with the streaming XLSX
// writer (src/services/registers/xlsx-writer.ts). Two cases, each in a fresh process so one's
// memory does not count against another's:
//   writer  N synthetic rows of the 接待登记簿's 16 columns straight into writeWorkbook;
//   book    the real 接待登记簿 of one station for a year, N visits read page by page from a
//           seeded SQLite database (the demo roster), through exportBooks as `npm run export` does.
// Prints a table: rows, seconds, rows/s, the database's share (the book's rows read again alone), file size, the RSS before writing and the peak RSS
// and heap while writing (sampled every 10 ms). Not a test: numbers vary with the machine.
import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';

const { values } = parseArgs({
  args: process.argv.slice(2),
  options: {
    rows: { type: 'string', default: '1000,10000,50000' },
    'book-rows': { type: 'string', default: '10000' },
    case: { type: 'string' },
    n: { type: 'string' },
  },
});

interface Result { case: string; rows: number; seconds: number; bytes: number; rssBeforeMb: number; peakRssMb: number; peakHeapMb: number; readSeconds?: number }

const MB = 1024 * 1024;

/** Samples memory while `work` runs. */
async function measure(name: string, rows: number, out: string, work: () => Promise<number>): Promise<Result> {
  global.gc?.();
  const rssBefore = process.memoryUsage.rss();
  let peakRss = rssBefore;
  let peakHeap = process.memoryUsage().heapUsed;
  const sample = setInterval(() => {
    const m = process.memoryUsage();
    peakRss = Math.max(peakRss, m.rss);
    peakHeap = Math.max(peakHeap, m.heapUsed);
  }, 10);
  const started = performance.now();
  const written = await work();
  const seconds = (performance.now() - started) / 1000;
  clearInterval(sample);
  if (written !== rows) throw new Error(`${name}: wrote ${written} rows, expected ${rows}`);
  return { case: name, rows, seconds, bytes: statSync(out).size, rssBeforeMb: rssBefore / MB, peakRssMb: peakRss / MB, peakHeapMb: peakHeap / MB };
}

const ISSUES = ['村口道路破损，雨天积水严重，希望尽快修复', '农贸市场摊位管理混乱，建议规范', '学校周边交通拥堵，上下学时段需要协管', '自来水水压不足，高层住户用水困难'];

async function writerCase(n: number, dir: string): Promise<Result> {
  const { writeWorkbook } = await import('../src/services/registers/xlsx-writer.ts');
  const { periodOfDays } = await import('../src/domain/registers/period.ts');
  const header = ['序号', '登记日期', '接待代表', '来访人', '联系电话', '住址', '反映问题', '类别', '状态', '交办期限', '交办单位', '答复时间', '答复形式', '答复内容', '满意度', '备注'];
  async function* lines() {
    for (let i = 1; i <= n; i++) {
      yield { kind: 'row' as const, cells: [i, '2026-03-02', '赵文华', '张*', '138****0001', '城关镇幸福村', ISSUES[i % ISSUES.length]!, '城乡建设', '已答复', '2026-03-11', '县住建局', '2026-03-20 10:00', '书面', '已列入今年维修计划，四月底前完工。', '满意', ''] };
    }
  }
  const out = join(dir, `writer-${n}.xlsx`);
  const period = periodOfDays({ year: 2026, month: 1, day: 1 }, { year: 2026, month: 12, day: 31 });
  const plan = { name: '接待登记簿', title: '人大代表接待选民登记簿', columns: header.map((h) => ({ header: h, width: 12 })), lines: lines(), orientation: 'landscape' as const };
  return measure('writer', n, out, async () => (await writeWorkbook(out, { orgName: '示范县人大常委会', unitName: '城关镇人大代表联络站', period }, [plan]))[0]!.rows);
}

async function bookCase(n: number, dir: string): Promise<Result> {
  const { migrate } = await import('../src/repositories/migrate.ts');
  const { connectDb } = await import('../src/repositories/prisma.ts');
  const { loadDemoRoster } = await import('../src/services/roster/roster-service.ts');
  const { exportBooks } = await import('../src/services/registers/export-service.ts');
  const { periodOfDays } = await import('../src/domain/registers/period.ts');
  const { OFFICE_PRIVACY } = await import('../src/domain/registers/privacy.ts');
  const { receptionVisits } = await import('../src/repositories/register-visit-repo.ts');
  const url = `file:${join(dir, 'bench.db')}`;
  migrate(url);
  const db = await connectDb(url);
  await loadDemoRoster(db, 'default');
  const org = await db.organisation.findUniqueOrThrow({ where: { code: 'default' } });
  const station = await db.unit.findFirstOrThrow({ where: { orgId: org.id, name: '城关镇人大代表联络站' } });
  const deputy = await db.platformAccount.findFirstOrThrow({ where: { platformUserId: 'zhaowenhua' } });
  for (let start = 0; start < n; start += 500) {
    await db.receptionVisit.createMany({
      data: Array.from({ length: Math.min(500, n - start) }, (_, k) => {
        const i = start + k;
        const createdAt = new Date(Date.UTC(2026, 0, 5) + (i % 350) * 86_400_000 + 3_600_000);
        return {
          orgId: org.id, unitId: station.id, recordedById: deputy.personId, visitorName: `来访人${i}`, visitorPhone: `1380000${String(i).padStart(4, '0')}`,
          visitorAddress: '城关镇幸福村', issue: ISSUES[i % ISSUES.length]!, category: '城乡建设', status: 'answered', deadline: '2026-03-11', assignedTo: '县住建局',
          answerAt: createdAt, answerForm: '书面', answerText: '已列入今年维修计划，四月底前完工。', satisfaction: '满意', sourceKey: `bench:${i}`, createdAt,
        };
      }),
    });
  }
  const out = join(dir, `book-${n}.xlsx`);
  const period = periodOfDays({ year: 2026, month: 1, day: 1 }, { year: 2026, month: 12, day: 31 });
  try {
    const result = await measure('book', n, out, async () => {
      const written = await exportBooks(db, { orgId: org.id, book: '接待登记簿', unitId: station.id, period, privacy: OFFICE_PRIVACY, out, now: new Date('2027-01-04T02:00:00Z') });
      return written.sheets[0]!.rows;
    });
    // The same rows read again without writing: how much of the time is the database's.
    const started = performance.now();
    for await (const page of receptionVisits(db, { orgId: org.id, unitId: station.id, from: period.from, to: period.to })) void page;
    return { ...result, readSeconds: (performance.now() - started) / 1000 };
  } finally {
    await db.$disconnect();
  }
}

async function child(name: string, n: number): Promise<void> {
  const dir = mkdtempSync(join(tmpdir(), 'bench-registers-'));
  try {
    const result = name === 'book' ? await bookCase(n, dir) : await writerCase(n, dir);
    console.log(JSON.stringify(result));
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

function run(name: string, n: number): Result {
  const out = execFileSync(process.execPath, ['--expose-gc', '--import', 'tsx', import.meta.filename, '--case', name, '--n', String(n)], { encoding: 'utf8', maxBuffer: 1024 * 1024 });
  return JSON.parse(out.trim().split('\n').at(-1)!) as Result;
}

function table(results: Result[]): void {
  const head = ['case', 'rows', 'seconds', 'rows/s', 'of which DB read s', 'file MB', 'RSS before MB', 'peak RSS MB', 'peak heap MB'];
  const rows = results.map((r) => [
    r.case, String(r.rows), r.seconds.toFixed(2), String(Math.round(r.rows / r.seconds)), r.readSeconds === undefined ? '–' : r.readSeconds.toFixed(2),
    (r.bytes / MB).toFixed(2), r.rssBeforeMb.toFixed(0), r.peakRssMb.toFixed(0), r.peakHeapMb.toFixed(0),
  ]);
  const widths = head.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i]!.length)));
  const line = (cells: string[]) => `| ${cells.map((c, i) => c.padStart(widths[i]!)).join(' | ')} |`;
  console.log(line(head));
  console.log(`|${widths.map((w) => '-'.repeat(w + 2)).join('|')}|`);
  for (const r of rows) console.log(line(r));
}

if (values.case) {
  await child(values.case, Number(values.n));
} else {
  const results: Result[] = [];
  for (const n of String(values.rows).split(',').map(Number)) results.push(run('writer', n));
  for (const n of String(values['book-rows']).split(',').map(Number)) results.push(run('book', n));
  table(results);
}
