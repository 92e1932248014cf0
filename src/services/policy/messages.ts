// What the policy command line (and later the console) says.
export const policyText = {
  unknownKey: (key: string) => `没有名为「${key}」的设置；用 npm run policy -- show 查看全部设置`,
  badValue: (key: string, text: string, problem: string) => `「${text}」不是 ${key} 的有效值：${problem}`,
  set: (key: string, value: string) => `${key} 已设为 ${value}`,
  reset: (key: string, value: string) => `${key} 已恢复默认值 ${value}`,
  noOrganisation: '没有这个组织',
  busy: '设置正被同时修改，请再试一次',
  stored: '已设置',
  defaulted: '默认',
  refused: (problem: string) => `存储的值无效（${problem}），按默认值执行`,
  unknownStored: (key: string) => `存储中有未知设置「${key}」，已忽略`,
};
