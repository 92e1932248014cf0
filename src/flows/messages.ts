// What the conversation engine itself says. Short, polite, and always what to do next.
export const flowMessages = {
  cancelled: (title: string) => `好的，已取消${title}，没有保存任何内容。`,
  expired: (title: string) => `您上次的${title}已超过时间没有回复，已自动结束，没有保存。需要的话请重新发送“${title}”。`,
  outdated: (title: string) => `${title}的流程已更新，请重新发送“${title}”开始。`,
  firstStep: '已经是第一步了。',
  tooManyInvalid: (title: string, help: string) => `几次都没能识别您的回答，${title}已结束。${help}需要时请重新发送“${title}”。`,
  // What was typed is never dropped: the step is asked again, and a dialog set aside is kept.
  reAsk: (help: string, filled: string, title: string) =>
    `几次都没能识别您的回答。这一步：${help}\n已填写的${filled}都保留着；想先办别的事，直接发送命令，之后发送“继续”接着${title}。`,
  setAside: {
    invalid: (title: string, filled: string, until: string) =>
      `${title}先暂停了，已填写的${filled}保留到${until}，发送“继续”接着填写，发送“取消”放弃。`,
    timeout: (title: string, filled: string, until: string, minutes: number) =>
      `您的${title}超过 ${minutes} 分钟没有回复，先暂停了；已填写的${filled}保留到${until}，发送“继续”接着填写。`,
    switch: (title: string, filled: string, until: string) =>
      `${title}已暂停，已填写的${filled}保留到${until}，办完后发送“继续”接着填写。`,
  },
  filledItems: (labels: string[], count: number) => (labels.length ? labels.join('、') : `${count} 项内容`),
  resumed: (title: string, filled: string) => `接着填写${title}（已填写：${filled}）。要重新开始，请发送“取消”后再发送“${title}”。`,
  alsoKept: (titles: string[]) => `您还有未填完的${titles.join('、')}，完成后可再发送“继续”。`,
  nothingToResume: '没有需要继续填写的内容。发送“帮助”查看我能做什么。',
  keptHint: (items: string[]) => `您有未填完的${items.join('、')}，发送“继续”接着填写。`,
  keptItem: (title: string, until: string) => `${title}（保留到${until}）`,
  nothingToCancel: '现在没有正在办理的事项，不需要取消。发送“帮助”查看我能做什么。',
  keptDiscarded: (titles: string[]) => `好的，已放弃未填完的${titles.join('、')}，没有保存任何内容。`,
  continuePrivately: (name: string, title: string) => `${name}，请到与我的单聊里继续${title}。`,
  didYouMean: (command: string) => `您是要「${command}」吗？是请回复“是”。`,
  didYouMeanNo: '好的。发送“帮助”查看我能做什么。',
  switchAsk: (current: string, next: string) => `您正在${current}，要放弃它、改为“${next}”吗？请回复“是”或“否”。`,
  switchKeep: (current: string) => `好的，继续${current}。`,
  switchUnclear: '请回复“是”（放弃当前的，开始新的）或“否”（继续当前的）。',
  helpPrefix: '这一步：',
  /** A free text of only emoji, letters or punctuation (hasMeaningfulText). */
  needsWords: (what: string, example: string) => `请用中文写明${what}，只有表情或字母看不出意思，例如“${example}”。`,
  alwaysAvailable: '随时可以发送“取消”结束、“返回”回到上一步。',
  movedToPrivate: (name: string) => `${name}，涉及个人信息，我们转到与“人大代表履职助手”的单聊里继续，请查看单聊消息。`,
  movedToPrivateToConfirm: (name: string) => `${name}，请到与“人大代表履职助手”的单聊里核对内容并确认。`,
} as const;

/** Words that end a dialog, and words that go one step back. */
export const CANCEL_WORDS = new Set(['取消', '退出', '不办了', '不要了', '结束']);
export const BACK_WORDS = new Set(['返回', '上一步', '退回', '后退']);
export const HELP_WORDS = new Set(['帮助', '怎么填', '不会', '?', 'help']);
/** Words that resume a kept draft (when no dialog is under way: inside one they are answers). */
export const RESUME_WORDS = new Set(['继续', '继续填写', '接着填', '接着填写']);
