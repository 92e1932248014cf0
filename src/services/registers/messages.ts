// What the registers say: on the sheets (titles, periods, the signature line, marks) and in
// chat (the export command, the written account and the quarterly form). Names of bodies come
// from the organisation's policy (supervisingBody), never from here.
import type { Period } from '../../domain/registers/period.ts';

export const registerText = {
  periodLine: (p: Period, subtitle?: string) => `期间：${p.label}（${p.fromDay} 至 ${p.toDay}）${subtitle ? `　${subtitle}` : ''}`,
  /** The keeper signs and dates the printed book. */
  signature: (who = '保管人（签名）') => `${who}：＿＿＿＿＿＿＿＿　　　　日期：　　　　年　　月　　日`,
  none: '本期没有记录。',
  total: '合计',
  yes: '是',
  no: '否',
};
