// What motions (议案, rule S5) say: to the starter, to invitees on their card, to those who
// signed, to the office.
export const motionText = {
  noGroup: '您不在任何代表小组，无法用“本组”邀请，请直接写代表姓名，用顿号分开。',
  unknownNames: (names: string[]) => `名册中没有代表${names.map((n) => `“${n}”`).join('、')}，请核对姓名后重新输入（用顿号分开）。`,
  ambiguousNames: (names: string[]) => `名册中有不止一位代表叫${names.map((n) => `“${n}”`).join('、')}，请联系工作人员协助邀请。`,
  tooFewInvited: (min: number, short: number) => `议案需要至少 ${min} 位代表联名（含您本人），请再多邀请至少 ${short} 位代表。`,
  started: (invited: number, min: number) =>
    `议案已发给 ${invited} 位代表征集附议。达到 ${min} 位代表联名（含您）后会自动提交并编号，届时通知您；发送“我的议案”可以查看谁已附议。`,
  gone: '这件议案已不存在，请发送“我的议案”查看。',
  notInvited: '您不在这件议案的联名邀请名单中，无需附议。',
  alreadySigned: '您已经附议过这件议案了，每人只能附议一次。',
  closed: (status: string) => `这件议案目前是“${status}”，不能再附议了。`,
  submittedAlready: (number: string) => `这件议案已经提交（编号 ${number}），不再征集附议。`,
  signed: (count: number, min: number) => `已记录您的附议。目前 ${count} 位代表联名，还需 ${Math.max(0, min - count)} 位。`,
  signedAlongside: '已记录您的附议。',
  signedAndSubmitted: (number: string) => `已记录您的附议。联名人数已达到要求，议案已提交，编号 ${number}。`,
  submitted: (title: string, count: number, number: string) => `议案“${title}”已有 ${count} 位代表联名，已提交，编号 ${number}。`,
  submittedToOffice: (number: string, title: string, names: string) => `收到议案 ${number}“${title}”，联名代表：${names}。`,
  notYours: '只有领衔提出议案的代表可以撤回它。',
  withdrawn: (title: string) => `议案“${title}”已撤回。`,
  withdrawnToSigners: (title: string) => `您附议的议案“${title}”已由领衔代表撤回。`,
  mineNone: '您还没有提出或被邀请附议的议案。发送“提议案”可以提出议案。',
  mineTitle: '您提出或被邀请附议的议案：',
  mineLine: (i: number, title: string, state: string, names: string, needed: number) =>
    `${i}. ${title}（${state}）联名：${names || '无'}${needed > 0 ? `；还需 ${needed} 位` : ''}`,
  settledSigned: '已附议',
  settledSubmitted: '已提交',
  settledClosed: '已停止附议',
};
