// What `npm run org` says. One line per error.
export const USAGE = [
  '用法：npm run org -- add 组织代码 组织名称 --corp-id ID --agent-id 数字 --secret S --token T --aes-key K [--bot-token T --bot-aes-key K] [--stdin]',
  '      npm run org -- list',
  '      npm run org -- set 组织代码 --字段 值 … [--stdin]',
  '      npm run org -- rekey',
].join('\n');

export const orgMessages = {
  unknownCommand: (word: string) => `未知命令「${word}」：可用 add、list、set、rekey。`,
  missingCommand: '缺少命令：add、list、set 或 rekey。',
  unknownFlag: (flag: string) => `未知参数 ${flag}。`,
  missingValue: (flag: string) => `参数 ${flag} 后面缺少取值。`,
  badField: (flag: string, rule: string) => `${flag} 的取值无效：${rule}。`,
  twice: (flag: string) => `${flag} 给了两次。`,
  missingCode: '缺少组织代码。',
  badCode: (code: string) => `组织代码「${code}」无效：只能是 1–32 位小写字母、数字或短横线。`,
  missingName: '缺少组织名称。',
  extraWords: (words: string[]) => `多余的参数：${words.join(' ')}。`,
  missingFields: (flags: string[]) => `缺少 ${flags.join('、')}（可用参数给出，或 --stdin 从标准输入读 WECOM_* 行）。`,
  robotPair: '--bot-token 和 --bot-aes-key 要一起给（都给空值则关闭机器人）。',
  nothingToSet: '没有要修改的字段：至少给一个 --字段 值。',
  stdinLine: (n: number) => `标准输入第 ${n} 行无效：应为 WECOM_变量名=值。`,
  stdinName: (n: number, name: string) => `标准输入第 ${n} 行：不认识的变量 ${name}。`,
  noKey: 'SECRETS_KEY 没有设置：凭据要用它加密保存（openssl rand -base64 32 生成一个，写入 .env）。',
  exists: (code: string) => `组织「${code}」已经有企业微信凭据；要修改请用 npm run org -- set ${code} --字段 值。`,
  unknownOrg: (code: string) => `没有代码为「${code}」的组织的凭据；先用 npm run org -- add 添加。`,
  added: (code: string, name: string, path: string) => `已添加组织 ${code}（${name}）。企业微信应用的接收消息 URL：${path}`,
  addedRobot: (path: string) => `智能机器人的接收消息 URL：${path}`,
  envWins: (code: string) => `注意：${code} 是 ORG_CODE，设置了 WECOM_* 变量时以变量为准。`,
  updated: (code: string, fields: string[]) => `已修改组织 ${code}：${fields.join('、')}。正在运行的机器人一分钟内生效。`,
  none: '还没有保存任何组织的凭据（npm run org -- add 添加）。',
  rekeyed: (n: number, keyId: string) => `已用密钥 ${keyId} 重新加密 ${n} 个组织的凭据；现在可以从 SECRETS_KEY 中去掉旧密钥。`,
};
