import { describe, expect, it } from 'vitest';
import { parseImportArgs } from '../../../../src/services/roster/import-args.ts';

describe('roster:import command line', () => {
  it('reads the file and every flag, in either --flag value or --flag=value form', () => {
    expect(parseImportArgs(['a.csv', '--org', 'shifan', '--org-name=示范县人大常委会', '--skip-bad-rows'])).toEqual({
      ok: true,
      help: false,
      args: { file: 'a.csv', orgCode: 'shifan', orgName: '示范县人大常委会', skipBadRows: true },
    });
    expect(parseImportArgs(['--', '-odd.csv'])).toMatchObject({ ok: true, args: { file: '-odd.csv', skipBadRows: false } });
  });

  it('answers one line for each mistake', () => {
    const error = (argv: string[]) => {
      const r = parseImportArgs(argv);
      return r.ok ? '' : r.error;
    };
    expect(error(['a.csv', '--skip'])).toMatch(/^未知参数 --skip。用法：npm run roster:import/);
    expect(error([])).toMatch(/^缺少名册文件。用法：/);
    expect(error(['a.csv', 'b.csv'])).toMatch(/^只能导入一个文件/);
    expect(error(['a.csv', '--org'])).toMatch(/^参数 --org 后面缺少取值/);
    expect(error(['a.csv', '--org', 'Bad_Code'])).toMatch(/^组织代码「Bad_Code」无效/);
    expect(error(['a.csv', '--org-name='])).toMatch(/^--org-name 不能为空/);
    expect(error(['a.csv', '--org']).includes('\n')).toBe(false);
  });

  it('shows usage on --help', () => {
    expect(parseImportArgs(['--help'])).toEqual({ ok: true, help: true });
  });
});
