// What choosing invitees says (rules A4, A6).
export const inviteeMessages = {
  notUnderstood: '请回复“是”邀请全体；只邀请部分人请写“只邀请 张三、李四”，不邀请某几位请写“除了张三”。',
  unknownNames: (unit: string, names: string[]) =>
    `${unit}没有${names.map((n) => `“${n}”`).join('、')}，请核对姓名后重新输入（多个姓名用顿号隔开）。`,
  nobody: '这样就没有人参加了，请重新选择：回复“是”邀请全体，或写“只邀请 张三、李四”。',
  everyone: (count: number) => `本单位全体（${count} 人）`,
  allBut: (names: string[], count: number) => `除${names.join('、')}外的本单位成员（${count} 人）`,
  only: (names: string[], count: number) => `${names.join('、')}（${count} 人）`,
} as const;
