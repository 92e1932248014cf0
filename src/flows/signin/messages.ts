// What sign-in says (rule A6).
export const signInMessages = {
  nothingOpen: '您现在没有可以签到的活动。',
  opensAt: (title: string, at: string, minutes: number) => `“${title}”的签到将于 ${at} 开放（活动开始前 ${minutes} 分钟），到时再发“签到”即可。`,
  pick: (list: string) => `现在有几场活动可以签到，请回复序号：\n${list}`,
  pickHelp: '回复活动前面的序号，例如“1”。',
  badChoice: (count: number) => `请回复 1 到 ${count} 之间的序号。`,
  askCode: (title: string) => `请输入“${title}”现场公布的签到码。`,
  codeHelp: '签到码由联络员在会场公布，例如“8341”。没有听到请问现场工作人员。',
  wrongCode: '签到码不对，请核对现场公布的签到码后再发一次。',
  signedIn: (title: string, at: string) => `签到成功：“${title}”，签到时间 ${at}。`,
  // 代签 (staff signs in another deputy)
  proxyUsage: '请发送“代签 姓名”，例如“代签 张三”。',
  proxyNothingOpen: '现在没有您可以代签的活动（需在签到时间内，且您是该单位的组长、联络员或工作人员）。',
  proxyChooseActivity: (list: string) => `您可以代签的活动有几场，请发送“代签 姓名 序号”：\n${list}`,
  proxyNoSuchPerson: (name: string, title: string) => `“${title}”的参加人员里没有“${name}”，请核对姓名。`,
  proxySamename: (name: string) => `参加人员里有不止一位“${name}”，请联系工作人员在名册中区分后再代签。`,
  proxyDone: (name: string, title: string, at: string) => `已为${name}代签“${title}”，时间 ${at}，已记入考勤（代签）。`,
  proxyNotice: (by: string, title: string, at: string) => `${by}已为您代签“${title}”，时间 ${at}。如有误请联系${by}。`,
  // 签到情况
  sheetNothing: '您负责的单位现在没有正在签到的活动。',
  sheet: (p: { title: string; present: string[]; leave: string[]; missing: string[] }) =>
    [
      `“${p.title}”签到情况：`,
      `已签到（${p.present.length}）：${p.present.join('、') || '无'}`,
      `请假（${p.leave.length}）：${p.leave.join('、') || '无'}`,
      `未签到（${p.missing.length}）：${p.missing.join('、') || '无'}`,
    ].join('\n'),
} as const;
