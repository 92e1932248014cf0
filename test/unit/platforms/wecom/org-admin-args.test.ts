import { describe, expect, it } from 'vitest';
import { checkComplete, parseOrgArgs, readStdinFields } from '../../../../src/platforms/wecom/org-admin/args.ts';

const AES = 'abcdefghijklmnopqrstuvwxyz0123456789ABCDEFG';

describe('npm run org: the command line', () => {
  it('add takes the code, the name and credentials from flags (--flag value or --flag=value)', () => {
    expect(parseOrgArgs(['add', 'county-b', '乙县人大常委会', '--corp-id', 'wwb', '--agent-id=1000005', '--secret', 's3', '--token', 'tok', '--aes-key', AES])).toEqual({
      op: 'add', code: 'county-b', name: '乙县人大常委会', stdin: false,
      fields: { corpId: 'wwb', agentId: 1000005, secret: 's3', token: 'tok', aesKey: AES },
    });
  });

  it('every mistake is one sentence', () => {
    expect(parseOrgArgs([])).toBe('缺少命令：add、list、set 或 rekey。');
    expect(parseOrgArgs(['remove'])).toBe('未知命令「remove」：可用 add、list、set、rekey。');
    expect(parseOrgArgs(['add', 'County B', 'x'])).toBe('组织代码「County B」无效：只能是 1–32 位小写字母、数字或短横线。');
    expect(parseOrgArgs(['add', 'b'])).toBe('缺少组织名称。');
    expect(parseOrgArgs(['add', 'b', 'B', '--colour', 'red'])).toBe('未知参数 --colour。');
    expect(parseOrgArgs(['add', 'b', 'B', '--token'])).toBe('参数 --token 后面缺少取值。');
    expect(parseOrgArgs(['add', 'b', 'B', '--aes-key', 'short'])).toBe('--aes-key 的取值无效：EncodingAESKey 是 43 位字母或数字。');
    expect(parseOrgArgs(['add', 'b', 'B', '--agent-id', '1', '--agent-id', '2'])).toBe('--agent-id 给了两次。');
    expect(parseOrgArgs(['list', 'x'])).toBe('多余的参数：x。');
    expect(parseOrgArgs(['set', 'b', 'extra'])).toBe('多余的参数：extra。');
  });

  it('stdin gives WECOM_* lines, so secrets stay out of the shell history', () => {
    const fields = {};
    expect(readStdinFields(`# county-b\nWECOM_SECRET="s3 "\n\nWECOM_TOKEN=tok\nWECOM_AES_KEY=${AES}\n`, fields)).toBeUndefined();
    expect(fields).toEqual({ secret: 's3', token: 'tok', aesKey: AES });
    expect(readStdinFields('WECOM_SECRET s', {})).toBe('标准输入第 1 行无效：应为 WECOM_变量名=值。');
    expect(readStdinFields('\nDATABASE_URL=x', {})).toBe('标准输入第 2 行：不认识的变量 DATABASE_URL。');
    expect(readStdinFields('WECOM_TOKEN=a', { token: 'b' })).toBe('WECOM_TOKEN 给了两次。');
  });

  it('add needs every credential and the robot\'s two keys together; set needs something to set', () => {
    expect(checkComplete({ corpId: 'w', agentId: 1 }, 'add')).toBe('缺少 --secret、--token、--aes-key（可用参数给出，或 --stdin 从标准输入读 WECOM_* 行）。');
    expect(checkComplete({ corpId: 'w', agentId: 1, secret: 's', token: 't', aesKey: AES, botToken: 'b' }, 'add')).toMatch(/要一起给/);
    expect(checkComplete({}, 'set')).toBe('没有要修改的字段：至少给一个 --字段 值。');
    expect(checkComplete({ botToken: '' }, 'set')).toMatch(/要一起给/);
    expect(checkComplete({ botToken: '', botAesKey: '' }, 'set')).toBeUndefined();
    expect(checkComplete({ secret: 'new' }, 'set')).toBeUndefined();
  });
});
