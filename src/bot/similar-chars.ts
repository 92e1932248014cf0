// Characters a deputy types by mistake for the ones in command names: an IME offers every
// character of a syllable, so 请假 comes out 请加 and 签到 签道; a few look alike (动/功). Each
// group is one toneless syllable (or one look), listing the characters of the command names and
// the common characters typed in their place. A table this size covers the typos that matter
// for ~60 command characters; a full pinyin dictionary (pinyin-pro and the like, hundreds of
// kilobytes of data) would read every character of the language to serve those few.
const GROUPS = [
  // syllables of command characters (toneless pinyin)
  '请情清青轻晴庆倾', '假加家价架佳嫁甲夹驾', '签前钱千欠迁牵铅潜浅', '到道倒导岛刀盗稻',
  '提题体替踢梯', '建见件间健剑减简检', '议意义以亿易异已艺忆益', '反返饭范翻犯凡',
  '映应影营英硬迎', '问文闻温稳', '批皮披匹', '评平凭瓶苹屏', '我握窝卧', '的得地德',
  '要药摇腰咬', '个各哥歌格隔', '申身深神审伸', '报包保宝抱爆', '代带待袋戴', '况矿框狂',
  '接街节结借解姐界洁', '登等灯邓', '记己级及机急既计纪继集几技寄', '来赖莱', '访方放房防仿',
  '交教叫较脚焦', '办半班版板伴搬般扮', '答达打大搭', '复付服福副富府附父负', '部不步布补',
  '门们闷', '列烈猎裂', '表标', '退推腿', '回会汇灰挥绘', '合和何河盒核', '并病兵冰饼',
  '收手首受守售', '面免棉眠', '商上伤尚赏', '延言严研盐眼演', '期其起气七奇器齐', '出处初除',
  '案安按暗岸', '撤车彻', '发法罚', '活或火货获伙', '动东冬懂洞', '通同统痛铜', '知只之支指直值志',
  '修休秀', '改该盖', '取去区曲趣', '消小笑校效销', '填天田甜', '写些谢鞋协', '信心新辛欣',
  '息系西喜细习洗', '联连练脸恋', '工公共功宫攻', '作做坐座左', '人认任仁', '员原元院园远愿',
  '帮棒榜', '助主住注祝著', '菜才彩财', '单但担弹蛋', '查茶察差', '录路陆露',
  '考靠烤', '勤琴芹', '谁水睡', '没每美', '找照赵招', '承成城程诚',
  // alike to the eye
  '动功', '己已巳', '末未', '日曰', '人入',
];

const SIMILAR = new Map<string, Set<string>>();
for (const group of GROUPS) {
  for (const ch of group) {
    const set = SIMILAR.get(ch) ?? new Set<string>();
    for (const other of group) if (other !== ch) set.add(other);
    SIMILAR.set(ch, set);
  }
}

/** Whether `typed` is a character people type for `meant` (same sound, or the same look). */
export function similarChar(typed: string, meant: string): boolean {
  return typed === meant || (SIMILAR.get(meant)?.has(typed) ?? false);
}
