// Every sentence the roster import shows a person, in one place so wording can change
// without touching logic.
import { CHANNELS, LEVELS, ROSTER_HEADER, ROSTER_OPTIONAL_HEADER, STAFF_LEVEL, type ImportReport, type RowError } from './roster-types.ts';

const HEADER_TEXT = ROSTER_HEADER.join(',');
const OPTIONAL_TEXT = ROSTER_OPTIONAL_HEADER.map((h) => `「${h}」`).join('');
const LEVEL_CHOICES = [...LEVELS, STAFF_LEVEL].join('/');

export const fileMessages = {
  notUtf8:
    '文件不是 UTF-8 编码（Excel 默认保存的 CSV 是 GBK 编码）。请在 Excel 中“另存为”选择“CSV UTF-8（逗号分隔）”或 “Excel 工作簿（.xlsx）”，再重新导入。',
  unsupportedType: (name: string) => `不支持的文件类型「${name}」：请使用 .csv（UTF-8）或 .xlsx 文件。`,
  oldXls: '不支持旧版 .xls 文件：请在 Excel 中另存为 .xlsx 或“CSV UTF-8（逗号分隔）”。',
  unreadableXlsx: (detail: string) => `无法读取 xlsx 文件（${detail}）：请确认文件没有损坏，且不是加密文件。`,
  noWorksheet: 'xlsx 文件里没有工作表。',
  unclosedQuote: (row: number) => `第 ${row} 行：引号没有闭合，文件格式有误。`,
  empty: `文件是空的：第 1 行应为表头 ${HEADER_TEXT}`,
  headerMismatch: (column: number, expected: string, actual: string) =>
    `表头第 ${column} 列应为「${expected}」，实际是${actual === '' ? '空白' : `「${actual}」`}。表头必须是：${HEADER_TEXT}`,
  headerExtra: (column: number, actual: string) =>
    `表头第 ${column} 列「${actual}」是多余的。表头必须是：${HEADER_TEXT}（其后可依次加${OPTIONAL_TEXT}两列）`,
  noDataRows: '文件只有表头，没有任何人员。',
};

export const rowMessages = {
  nameMissing: '姓名为空',
  nameTooLong: (name: string, max: number) => `姓名「${name}」超过 ${max} 个字`,
  mobileMissing: '手机号为空',
  mobileLength: (raw: string) => `手机号「${raw}」不是 11 位手机号`,
  mobileNotMainland: (raw: string) => `手机号「${raw}」不是有效的大陆手机号（应以 13–19 开头）`,
  accountInvalid: (label: string, raw: string) =>
    `${label}「${raw}」只能包含字母、数字和 _ . @ -，且不超过 64 个字符`,
  levelMissing: `代表层级为空（应为 ${LEVEL_CHOICES} 之一）`,
  levelInvalid: (raw: string) => `代表层级「${raw}」应为 ${LEVEL_CHOICES} 之一`,
  roleInvalid: (label: string, raw: string, choices: string[]) => `${label}「${raw}」应为 ${choices.join('/')} 之一`,
  roleWithoutUnit: (roleLabel: string, role: string, unitLabel: string) =>
    `填了${roleLabel}「${role}」，但${unitLabel}为空`,
  unitNameTooLong: (label: string, name: string, max: number) => `${label}「${name}」超过 ${max} 个字`,
  extraCell: (column: number, value: string, width: number = ROSTER_HEADER.length) =>
    `第 ${column} 列有多余内容「${value}」（表头只有 ${width} 列，可能是某个单元格里有英文逗号）`,
  fieldConflict: (label: string, mobile: string, firstRow: number, first: string, now: string) =>
    `手机号 ${mobile} 在第 ${firstRow} 行的${label}是「${first}」，这里是「${now}」，请统一`,
  nameConflict: (mobile: string, firstRow: number, firstName: string, name: string) =>
    `手机号 ${mobile} 在第 ${firstRow} 行是「${firstName}」，这里却是「${name}」`,
  accountTwice: (label: string, mobile: string, firstRow: number, first: string, id: string) =>
    `手机号 ${mobile} 在第 ${firstRow} 行的${label}是「${first}」，这里却是「${id}」`,
  accountShared: (label: string, id: string, firstRow: number, otherMobile: string) =>
    `${label}「${id}」已在第 ${firstRow} 行用于手机号 ${otherMobile}，一个账号只能对应一个人`,
  accountInDb: (label: string, id: string, name: string, mobile: string, ownerSkipped: boolean) =>
    `${label}「${id}」已属于系统中的「${name}」（${mobile}），` +
    (ownerSkipped ? '而此人因有错误本次不更新' : '此人不在本名册中') +
    '；一个账号只能对应一个人，请先核对',
  roleConflict: (unitLabel: string, unit: string, firstRow: number, firstRole: string, role: string) =>
    `同一人在${unitLabel}「${unit}」的职务在第 ${firstRow} 行是「${firstRole}」，这里却是「${role}」`,
};

export const channelLabels = { wecom: '企业微信账号', dingtalk: '钉钉账号' } as const;
export const platformLabels = { wecom: '企业微信', dingtalk: '钉钉' } as const;
export const unitLabels = { group: '代表小组', station: '联络站', office: '办公室' } as const;

export function formatRowError(error: RowError): string {
  return `第 ${error.rowNumber} 行：${error.reason}`;
}

/** Names shown in one line at most; the rest are counted. */
const UNREACHABLE_SHOWN = 20;

/** One line naming the people the bot cannot reach, and what to do; undefined when there are none. */
export function unreachableLine(report: ImportReport): string | undefined {
  const u = report.unreachable;
  if (!u) return undefined;
  const n = u.names.length;
  const names = u.names.slice(0, UNREACHABLE_SHOWN).join('、') + (n > UNREACHABLE_SHOWN ? ` 等 ${n} 人` : '');
  if (u.reachable.length === 0) {
    return `组织 ${report.orgCode} 还没有接入企业微信或钉钉应用，名册中有账号的 ${n} 人暂时收不到机器人的消息；接入应用后即可收到，不必重新导入。`;
  }
  const missing = CHANNELS.filter((c) => !u.reachable.includes(c)).map((c) => platformLabels[c]).join('或');
  const accounts = u.reachable.map((c) => channelLabels[c]).join('或');
  return `以下 ${n} 人只有${missing}账号，本组织没有接入${missing}，他们收不到机器人的消息；请在名册中补上他们的${accounts}后重新导入：${names}`;
}

/** The lines the CLI prints; the last one is the summary line. */
export function formatReport(report: ImportReport): string[] {
  const lines = [`组织：${report.orgName}（${report.orgCode}）`];
  if (report.errors.length > 0) {
    lines.push(`发现 ${report.errors.length} 处错误：`);
    lines.push(...report.errors.map((e) => `  ${formatRowError(e)}`));
  }
  if (!report.applied) {
    lines.push(
      '未导入：没有写入任何数据。请修正以上错误后重新导入，或加 --skip-bad-rows 只导入没有错误的人员。',
    );
    return lines;
  }
  if (report.skippedPeople.length > 0) {
    const names = report.skippedPeople.map((p) => `${p.name}（${p.mobile}）`).join('、');
    lines.push(`以下人员有错误行，整人跳过，未作任何改动：${names}`);
  }
  if (report.updatedNames.length > 0) lines.push(`已更新：${report.updatedNames.join('、')}`);
  const unreachable = unreachableLine(report);
  if (unreachable) lines.push(unreachable);
  lines.push(`名册外人员 ${report.outsideRoster} 人（未改动）`);
  lines.push(summaryLine(report));
  return lines;
}

export function summaryLine(r: ImportReport): string {
  return (
    `导入完成：新增 ${r.created} 人，更新 ${r.updated} 人，未变 ${r.unchanged} 人；` +
    `新增单位 ${r.unitsCreated} 个；跳过 ${r.skippedRows} 行`
  );
}

export const cliMessages = {
  usage: '用法：npm run roster:import -- 文件.csv|文件.xlsx [--org 组织代码] [--org-name 组织名称] [--skip-bad-rows]',
  unknownFlag: (flag: string) => `未知参数 ${flag}。`,
  missingValue: (flag: string) => `参数 ${flag} 后面缺少取值。`,
  missingFile: '缺少名册文件。',
  tooManyFiles: (files: string[]) => `只能导入一个文件，收到了 ${files.length} 个：${files.join(' ')}。`,
  badOrgCode: (code: string) => `组织代码「${code}」无效：只能是 1–32 位小写字母、数字或短横线。`,
  emptyOrgName: '--org-name 不能为空。',
  fileNotFound: (path: string) => `找不到文件：${path}`,
  failed: (detail: string) => `导入失败：${detail}`,
  intoLocalDatabase: (url: string) =>
    `注意：没有设置 WECOM_* 变量，名册导入的是本地模式的数据库 ${url}，本地模式今后不会在这个数据库上启动；正式使用请先在 .env 中设置 WECOM_* 变量，再重新导入。`,
};
