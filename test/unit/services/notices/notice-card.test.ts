import { describe, expect, it } from 'vitest';
import { clickedCard, redrawnCard } from '../../../../src/services/notices/notice-card.ts';

const activity = { id: 7, title: '学习代表法', content: '', place: '三楼会议室', startAt: new Date('2026-12-08T06:00:00Z'), unit: { name: '城关镇人大代表联络站' } };
const now = new Date('2026-12-01T02:00:00Z');

describe('a clicked notice card redrawn for the new state (rule A4)', () => {
  it('knows the card from the task id the bot gave it, whatever the platform appended', () => {
    expect(clickedCard('notice-7-1-7-invited-31@Zx9')).toEqual({ kind: 'notice', leadDays: 7 });
    expect(clickedCard('notice-7-2-3-attending-40')).toEqual({ kind: 'notice', leadDays: 3 });
    expect(clickedCard('update-7-2-invited-0@abc')).toEqual({ kind: 'update' });
    expect(clickedCard('help-12-0')).toEqual({ kind: 'notice', leadDays: 0 });
  });

  it('the 1-week preview stays a preview after 参加, and shows the answer instead of the reply-by line', () => {
    const card = redrawnCard(activity, { taskId: 'notice-7-1-7-invited-31@Zx9', state: 'attending', now });
    expect(card.description).toBe('活动预告（提前一周）');
    expect(card.fields).toContainEqual({ label: '您的回复', value: '参加' });
    expect(card.fields?.map((f) => f.label)).not.toContain('回复');
  });

  it('a change card stays a change card', () => {
    expect(redrawnCard(activity, { taskId: 'update-7-2-invited-0@abc', state: 'attending', now }).description).toBe('活动变更通知');
  });
});
