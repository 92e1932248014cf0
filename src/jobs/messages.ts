// What the outbox worker itself says: only the line before an answer it had to move.
export const outboxMessages = {
  /** Before a robot answer that could not go through its one-use reply URL. */
  robotFallbackGroup: '您在群聊中的提问，机器人的回复未能发到群里，现发给您：',
  robotFallbackSingle: '您刚才向机器人的提问，回复如下：',
} as const;
