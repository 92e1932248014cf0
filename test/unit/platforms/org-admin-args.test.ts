import { describe, expect, it } from 'vitest';
import { checkComplete, parseOrgArgs, readStdinFields } from '../../../src/platforms/org-admin/args.ts';

const AES = 'abcdefghijklmnopqrstuvwxyz0123456789ABCDEFG';
const DINGTALK = { clientId: 'dingb', clientSecret: 'sec-b', robotCode: 'dingb', noticeTemplate: 'tpl.notice', approvalTemplate: 'tpl-approval' };
const DINGTALK_FLAGS = ['--dingtalk-client-id', 'dingb', '--dingtalk-client-secret=sec-b', '--dingtalk-robot-code', 'dingb', '--dingtalk-card-notice', 'tpl.notice', '--dingtalk-card-approval', 'tpl-approval'];

describe('npm run org: the command line', () => {
  it('add takes the code, the name and credentials from flags (--flag value or --flag=value)', () => {
    expect(parseOrgArgs(['add', 'county-b', '乙县人大常委会', '--corp-id', 'wwb', '--agent-id=1000005', '--secret', 's3', '--token', 'tok', '--aes-key', AES])).toEqual({
      op: 'add', code: 'county-b', name: '乙县人大常委会', stdin: false,
      fields: { corpId: 'wwb', agentId: 1000005, secret: 's3', token: 'tok', aesKey: AES }, dingtalk: {},
    });
  });

  it('the DingTalk app\'s five flags go to their own fields, alongside the WeCom ones', () => {
    expect(parseOrgArgs(['add', 'county-b', '乙县', ...DINGTALK_FLAGS])).toEqual({ op: 'add', code: 'county-b', name: '乙县', stdin: false, fields: {}, dingtalk: DINGTALK });
    expect(parseOrgArgs(['set', 'county-b', '--secret', 's4', '--dingtalk-robot-code', 'ding-robot_2', '--stdin'])).toEqual({
      op: 'set', code: 'county-b', stdin: true, fields: { secret: 's4' }, dingtalk: { robotCode: 'ding-robot_2' },
    });
  });

  it('remove names the organisation and which of its apps: --wecom, --dingtalk or both', () => {
    expect(parseOrgArgs(['remove', 'county-b', '--dingtalk'])).toEqual({ op: 'remove', code: 'county-b', wecom: false, dingtalk: true });
    expect(parseOrgArgs(['remove', '--wecom', 'county-b', '--dingtalk'])).toEqual({ op: 'remove', code: 'county-b', wecom: true, dingtalk: true });
    expect(parseOrgArgs(['remove', 'county-b'])).toBe('要删除哪个应用：给 --wecom、--dingtalk，或两个都给。');
    expect(parseOrgArgs(['remove', '--wecom'])).toBe('缺少组织代码。');
    expect(parseOrgArgs(['remove', 'County B', '--wecom'])).toBe('组织代码「County B」无效：只能是 1–32 位小写字母、数字或短横线。');
    expect(parseOrgArgs(['remove', 'county-b', '乙县', '--wecom'])).toBe('多余的参数：乙县。');
    expect(parseOrgArgs(['remove', 'county-b', '--secret', 's'])).toBe('未知参数 --secret。');
  });

  it('every mistake is one sentence', () => {
    expect(parseOrgArgs([])).toBe('缺少命令：add、list、set、remove 或 rekey。');
    expect(parseOrgArgs(['delete'])).toBe('未知命令「delete」：可用 add、list、set、remove、rekey。');
    expect(parseOrgArgs(['add', 'County B', 'x'])).toBe('组织代码「County B」无效：只能是 1–32 位小写字母、数字或短横线。');
    expect(parseOrgArgs(['add', 'b'])).toBe('缺少组织名称。');
    expect(parseOrgArgs(['add', 'b', 'B', '--colour', 'red'])).toBe('未知参数 --colour。');
    expect(parseOrgArgs(['add', 'b', 'B', '--token'])).toBe('参数 --token 后面缺少取值。');
    expect(parseOrgArgs(['add', 'b', 'B', '--aes-key', 'short'])).toBe('--aes-key 的取值无效：EncodingAESKey 是 43 位字母或数字。');
    expect(parseOrgArgs(['add', 'b', 'B', '--agent-id', '1', '--agent-id', '2'])).toBe('--agent-id 给了两次。');
    expect(parseOrgArgs(['list', 'x'])).toBe('多余的参数：x。');
    expect(parseOrgArgs(['set', 'b', 'extra'])).toBe('多余的参数：extra。');
  });

  it('each DingTalk value has its form', () => {
    expect(parseOrgArgs(['set', 'b', '--dingtalk-client-id', 'ding b'])).toBe('--dingtalk-client-id 的取值无效：Client ID 只含字母、数字、下划线或短横线。');
    expect(parseOrgArgs(['set', 'b', '--dingtalk-client-id', 'x'.repeat(65)])).toMatch(/^--dingtalk-client-id 的取值无效/);
    expect(parseOrgArgs(['set', 'b', '--dingtalk-client-secret', 'a b'])).toBe('--dingtalk-client-secret 的取值无效：Client Secret 不能含空白。');
    expect(parseOrgArgs(['set', 'b', '--dingtalk-robot-code', 'ding.b'])).toBe('--dingtalk-robot-code 的取值无效：RobotCode 只含字母、数字、下划线或短横线。');
    expect(parseOrgArgs(['set', 'b', '--dingtalk-card-notice', 'tpl/1'])).toBe('--dingtalk-card-notice 的取值无效：通知卡片模板 ID 只含字母、数字、点、下划线或短横线。');
    expect(parseOrgArgs(['set', 'b', '--dingtalk-card-approval', ''])).toBe('--dingtalk-card-approval 的取值无效：审批卡片模板 ID 只含字母、数字、点、下划线或短横线。');
    expect(parseOrgArgs(['set', 'b', '--dingtalk-robot-code', 'r1', '--dingtalk-robot-code=r2'])).toBe('--dingtalk-robot-code 给了两次。');
    expect(parseOrgArgs(['set', 'b', '--dingtalk-client-id'])).toBe('参数 --dingtalk-client-id 后面缺少取值。');
  });

  it('stdin gives WECOM_* lines, so secrets stay out of the shell history', () => {
    const fields = {};
    expect(readStdinFields(`# county-b\nWECOM_SECRET="s3 "\n\nWECOM_TOKEN=tok\nWECOM_AES_KEY=${AES}\n`, fields, {})).toBeUndefined();
    expect(fields).toEqual({ secret: 's3', token: 'tok', aesKey: AES });
    expect(readStdinFields('WECOM_SECRET s', {}, {})).toBe('标准输入第 1 行无效：应为 WECOM_变量名=值。');
    expect(readStdinFields('\nDATABASE_URL=x', {}, {})).toBe('标准输入第 2 行：不认识的变量 DATABASE_URL。');
    expect(readStdinFields('WECOM_TOKEN=a', { token: 'b' }, {})).toBe('WECOM_TOKEN 给了两次。');
  });

  it('stdin gives DINGTALK_* lines too, named as the variables are', () => {
    const [fields, dingtalk] = [{}, {}];
    const text = "DINGTALK_CLIENT_ID=dingb\nDINGTALK_CLIENT_SECRET='sec-b'\r\nDINGTALK_ROBOT_CODE=dingb\nDINGTALK_CARD_TEMPLATE_NOTICE=tpl.notice\nDINGTALK_CARD_TEMPLATE_APPROVAL=tpl-approval\nWECOM_SECRET=s3\n";
    expect(readStdinFields(text, fields, dingtalk)).toBeUndefined();
    expect(dingtalk).toEqual(DINGTALK);
    expect(fields).toEqual({ secret: 's3' });
    expect(readStdinFields('DINGTALK_CLIENT_SECRET sec', {}, {})).toBe('标准输入第 1 行无效：应为 DINGTALK_变量名=值。');
    expect(readStdinFields('DINGTALK_MODE=http', {}, {})).toBe('标准输入第 1 行：不认识的变量 DINGTALK_MODE。');
    expect(readStdinFields('DINGTALK_ROBOT_CODE=r', {}, { robotCode: 'r' })).toBe('DINGTALK_ROBOT_CODE 给了两次。');
    expect(readStdinFields('DINGTALK_CLIENT_SECRET=', {}, {})).toBe('DINGTALK_CLIENT_SECRET 的取值无效：Client Secret 不能含空白。');
  });

  it('add needs every credential and the robot\'s two keys together; set needs something to set', () => {
    expect(checkComplete({ corpId: 'w', agentId: 1 }, {}, 'add')).toBe('缺少 --secret、--token、--aes-key（可用参数给出，或 --stdin 从标准输入读 WECOM_* 行）。');
    expect(checkComplete({ corpId: 'w', agentId: 1, secret: 's', token: 't', aesKey: AES, botToken: 'b' }, {}, 'add')).toMatch(/要一起给/);
    expect(checkComplete({}, {}, 'set')).toBe('没有要修改的字段：至少给一个 --字段 值。');
    expect(checkComplete({ botToken: '' }, {}, 'set')).toMatch(/要一起给/);
    expect(checkComplete({ botToken: '', botAesKey: '' }, {}, 'set')).toBeUndefined();
    expect(checkComplete({ secret: 'new' }, {}, 'set')).toBeUndefined();
  });

  it('add needs one platform\'s app complete, or both; a part of either is refused naming what is missing', () => {
    const wecom = { corpId: 'w', agentId: 1, secret: 's', token: 't', aesKey: AES };
    expect(checkComplete({}, {}, 'add')).toMatch(/^缺少应用凭据：至少给全企业微信应用的 --corp-id、.*或钉钉应用的 --dingtalk-client-id、.*DINGTALK_\* 行）。$/);
    expect(checkComplete({}, DINGTALK, 'add')).toBeUndefined();
    expect(checkComplete(wecom, DINGTALK, 'add')).toBeUndefined();
    expect(checkComplete({}, { clientId: 'dingb', clientSecret: 's' }, 'add')).toBe('缺少 --dingtalk-robot-code、--dingtalk-card-notice、--dingtalk-card-approval（可用参数给出，或 --stdin 从标准输入读 DINGTALK_* 行）。');
    expect(checkComplete(wecom, { robotCode: 'r' }, 'add')).toMatch(/^缺少 --dingtalk-client-id、--dingtalk-client-secret、--dingtalk-card-notice/);
    expect(checkComplete({ corpId: 'w' }, DINGTALK, 'add')).toMatch(/^缺少 --agent-id、--secret、--token、--aes-key（/);
    expect(checkComplete({}, { noticeTemplate: 'tpl2' }, 'set')).toBeUndefined();
    expect(checkComplete({ secret: 'new' }, { clientSecret: 'new' }, 'set')).toBeUndefined();
  });
});
