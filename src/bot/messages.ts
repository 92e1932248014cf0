// Every sentence the dispatcher and the basic commands say. Short, polite, says what to do next.
// `body` is the organisation's supervising body (policy.supervisingBody, rule U4): its staff
// are the bot's office staff, the people a deputy asks.
export const messages = {
  unknownUser: (body: string) => `您还不在本系统的代表名册中，请联系${body}的工作人员把您加入名册。`,
  notText: '我目前只能看懂文字消息，请直接发文字；发送“帮助”可以查看我能做什么。',
  notForYou: (command: string, audience: string, body: string) => `“${command}”只有${audience}可以使用；如需办理，请联系${body}。`,
  staleButton: '这个按钮已经失效了，请发送“帮助”重新开始。',
  badButton: '这个按钮的内容无法识别，没有办理。请在最新的卡片上操作，或发送“帮助”重新开始。',
  systemError: '抱歉，系统暂时出了点问题，您刚才的消息没有处理成功，请稍后再发一次。',
  helpGreeting: (name: string) => `${name}，您好！我是人大代表履职助手，可以帮您：`,
  // An unknown message costs one short line; 帮助 gives the list.
  unknown: (text: string) => `我还不会处理“${text}”。发送“帮助”查看我能做什么。`,
  // In a group the words are not repeated (rule R6: they may be a phone number or a name).
  unknownGroup: '我还不会处理这条消息，发送“帮助”查看我能做什么。',
  helpFooter: '直接发送上面「」里的词就可以，也可以点下面卡片上的按钮。',
  helpFooterGroup: '直接发送上面「」里的词就可以（在群里请先@我）；涉及个人信息的内容会转到单聊里办理。',
  answeredPrivately: '详细内容已发到您与“人大代表履职助手”的单聊，请查看。',
  whoamiTitle: (name: string) => `${name}的名册信息：`,
  whoamiLevels: (levels: string) => `代表层级：${levels}`,
  whoamiStaff: '身份：工作人员',
  whoamiNoUnits: '您目前不在任何代表小组或联络站。',
  whoamiOffice: (body: string) => `工作机构：${body}（工作人员）`,
  whoamiFooter: (body: string) => `如有错误，请联系${body}更正。`,
  contactsTitle: '您可以联系：',
  contactsOffice: (body: string, name: string, mobile: string) => `${body}：${name} ${mobile}`,
  contactsNone: (body: string) => `名册里暂时没有登记可联系的人员，请直接联系${body}。`,
} as const;
