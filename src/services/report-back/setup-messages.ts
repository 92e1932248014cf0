// What setting up a report-back evaluation says (command line now, the console later).
export const setupText = {
  noActivity: (id: number) => `--activity: 没有编号为 ${id} 的活动`,
  notReportBack: (id: number) => `--activity: 活动 ${id} 不是“述职”类活动；请先安排一次述职活动（npm run activity -- create --kind 述职 …）`,
  over: (id: number) => `--activity: 活动 ${id} 已经结束或已取消`,
  noPerson: (what: 'deputy' | 'organiser', name: string) => `${what === 'deputy' ? '--deputy' : '--organiser'}: 名册里没有名为「${name}」的${what === 'deputy' ? '代表' : '人员'}`,
  twoPeople: (what: 'deputy' | 'organiser', name: string) => `${what === 'deputy' ? '--deputy' : '--organiser'}: 名册里有不止一位「${name}」，请先在名册中区分`,
  badQuorum: '--quorum: 应为正整数',
  noUnit: (name: string) => `--voters-unit: 本组织没有名为「${name}」的单位`,
  noVoters: '请用 --voters FILE 导入选民名单，或用 --voters-unit 单位名称 选定单位成员为选民',
  alreadyOpen: (id: number) => `评议 ${id} 已经开始或结束，不能再改选民名单`,
  created: (id: number, deputy: string, activity: string, start: string, created: boolean) => `评议 ${id}：${deputy}在“${activity}”（${start}）述职${created ? '' : '（已有，补充选民）'}`,
  voters: (all: number, added: number, card: number, paper: number, quorum: number) =>
    `选民 ${all} 人（本次新增 ${added} 人）：企业微信投票 ${card} 人，纸质票 ${paper} 人；到会投票至少 ${quorum} 人`,
  fewVoters: (all: number, quorum: number) => `注意：选民只有 ${all} 人，少于规定的 ${quorum} 人，评议结果将标为人数不足`,
  reportAt: (when: string) => `书面述职报告将于 ${when} 发给选民`,
  reportNow: '离述职不到规定天数：书面述职报告现在就发给选民（尚未提交的会催交）',
  next: (id: number, organiser: string) => `述职时由${organiser}发送“开始评议 ${id}”发出投票卡片，结束时发送“结束评议 ${id}”公布结果`,
  listLine: (id: number, status: string, deputy: string, activity: string, start: string) => `${id}  ${STATUS[status] ?? status}  ${deputy}  ${activity}  ${start}`,
  none: '还没有述职评议',
};

const STATUS: Record<string, string> = { setup: '未开始', open: '投票中', closing: '计票中', closed: '已结束' };
