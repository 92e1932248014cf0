// What report-back evaluations say (rules E1–E3). No vote is ever repeated back: the answer to a
// click is the same whatever was chosen.
import type { Tally } from '../../domain/records/ballot.ts';
import { formatDateTime } from '../../domain/shanghai-time.ts';

export const ballotText = {
  reportToVoters: (deputy: string, year: number, activity: string, start: Date, text: string) =>
    `${deputy}的${year}年度书面述职报告（${formatDateTime(start)}“${activity}”上述职并接受评议）：\n${text}`,
  reportIsFile: (deputy: string, year: number, activity: string, start: Date) =>
    `${deputy}的${year}年度书面述职报告（${formatDateTime(start)}“${activity}”上述职）以文件形式提交，请向评议组织者索取。`,
  reportSentToOrganiser: (deputy: string, cardVoters: number, paperVoters: number) =>
    `${deputy}的书面述职报告已发给 ${cardVoters} 位选民${paperVoters ? `；另有 ${paperVoters} 位选民不在企业微信上，请另行送达` : ''}。`,
  reportMissing: (deputy: string, activity: string, start: Date) =>
    `${deputy}的书面述职报告还没有提交，“${activity}”（${formatDateTime(start)}）前应送达选民。提交后会立即发给选民；请${deputy}发送“述职报告”提交。`,
  card: { title: (deputy: string) => `${deputy}述职评议`, description: (activity: string, start: Date) => `${activity} · ${formatDateTime(start)}` },
  voted: (deputy: string) => `已收到您对${deputy}述职的评价（无记名）。评议结束前可以重新选择，以最后一次为准。`,
  notOpen: '评议还没有开始，组织者开始评议后再投票。',
  closed: '评议已经结束，不能再投票。',
  notVoter: '您不在这次评议的选民名单中，不能投票。',
  notYourCard: '这张卡片不是发给您的，无法投票。',
  unavailable: '评议投票暂时无法进行，请告诉组织者或工作人员。',
  notFound: (id: number) => `没有编号为 ${id} 的述职评议。`,
  notOrganiser: '只有这次评议的组织者和工作人员可以操作。',
  opened: (deputy: string, cards: number, paper: number) =>
    `${deputy}述职评议已开始：已向 ${cards} 位选民发出评议卡片${paper ? `；${paper} 位选民不在企业微信上，请用纸质票，结束前发送“纸质票 编号 满意 N 基本满意 N 不满意 N”录入` : ''}。发送“结束评议 编号”结束并公布结果。`,
  alreadyOpen: '这次评议已经开始了。',
  alreadyClosed: '这次评议已经结束了。',
  status: (deputy: string, status: string, cast: number, cardVoters: number, paper: string) =>
    `${deputy}述职评议：${status}；企业微信已投 ${cast}/${cardVoters} 人${paper}。`,
  paperSaved: (total: number) => `纸质票已录入，共 ${total} 张。`,
  paperNotWhole: '纸质票数应为 0 或正整数，例如“纸质票 3 满意 20 基本满意 3 不满意 1”。',
  paperTooMany: (max: number) => `纸质票总数不能超过不在企业微信上的选民人数（${max} 人）。`,
  result: (deputy: string, activity: string, t: Tally, eligible: number, unreadable: number) =>
    [
      `${deputy}述职评议结果（${activity}）：满意 ${t.total.满意} 票，基本满意 ${t.total.基本满意} 票，不满意 ${t.total.不满意} 票，共 ${t.voters} 票` +
        `${t.paper ? `（其中纸质票 ${t.paper.满意 + t.paper.基本满意 + t.paper.不满意} 张）` : ''}。`,
      `选民 ${eligible} 人，参加投票 ${t.voters} 人${t.belowQuorum ? `，少于规定的 ${t.quorum} 人：本次评议人数不足，结果仅供参考` : `，达到规定的 ${t.quorum} 人`}。`,
      ...(unreadable ? [`另有 ${unreadable} 张卡片票无法读取（投票期间服务器的投票密钥被更换），未计入。`] : []),
    ].join('\n'),
  statusWord: { setup: '尚未开始', open: '投票中', closing: '正在计票', closed: '已结束' } as Record<string, string>,
};
