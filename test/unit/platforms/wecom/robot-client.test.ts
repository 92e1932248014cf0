import { describe, expect, it } from 'vitest';
import { ROBOT_MARKDOWN_MAX_BYTES, robotMarkdown } from '../../../../src/platforms/wecom/robot-client.ts';

describe('robot reply markdown', () => {
  it('starts a group answer with the <@userid> mention; a single-chat answer has none', () => {
    expect(robotMarkdown({ markdown: '好的', toUser: 'zhangsan', chatId: 'wr1' })).toBe('<@zhangsan> 好的');
    expect(robotMarkdown({ markdown: '好的', toUser: 'zhangsan' })).toBe('好的');
  });

  it('clips to WeCom\'s 20480 bytes without splitting a character', () => {
    const content = robotMarkdown({ markdown: '长'.repeat(10_000), toUser: 'u' });
    expect(Buffer.byteLength(content)).toBeLessThanOrEqual(ROBOT_MARKDOWN_MAX_BYTES);
    expect(content.endsWith('长…')).toBe(true);
  });
});
