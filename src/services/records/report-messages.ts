// What the written annual report says to the deputy (rule E1).
import { formatDate } from '../../domain/shanghai-time.ts';

export const reportText = {
  tooShort: (min: number) => `书面述职报告至少 ${min} 字；也可以直接发送报告文件。`,
  tooLong: (max: number) => `书面述职报告最多 ${max} 字，请精简，或直接发送报告文件。`,
  saved: (year: number, length: number, file: boolean, replaced: boolean, late: boolean, sentTo: number, body: string) =>
    `已收到您的${year}年度书面述职报告（${[length ? `${length} 字` : '', file ? '附文件' : ''].filter(Boolean).join('，')}）${replaced ? '，已替换之前提交的版本' : ''}。${late ? `已过报送截止日期，请同时告知${body}。` : ''}${sentTo ? `已发给述职评议的 ${sentTo} 位选民。` : ''}`,
  reminder: (year: number, due: Date) => `请在${formatDate(due)}前提交${year}年度书面述职报告：发送“述职报告”，再发送报告正文或文件。已经提交的请忽略。`,
};
