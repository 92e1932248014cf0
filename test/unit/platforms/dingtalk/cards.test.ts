// Neutral cards -> DingTalk card params: every value a string (platforms.md §7.3).
import { describe, expect, it } from 'vitest';
import { cardParams, settledParams, templateKindOf } from '../../../../src/platforms/dingtalk/cards.ts';
import { dingtalkOutTrackId } from '../../../../src/platforms/dingtalk/client.ts';

const card = { taskId: 'leave-7', title: '李春梅申请请假', fields: [{ label: '活动', value: '学习代表法' }], buttons: [{ key: 'leave.approve:7', text: '批准', style: 'primary' as const }, { key: 'leave.reject:7', text: '驳回', style: 'danger' as const }] };

describe('DingTalk cards', () => {
  it('renders every param as a string and picks the approval template for leave decisions', () => {
    const params = cardParams(card);
    expect(Object.values(params).every((v) => typeof v === 'string')).toBe(true);
    expect(params).toMatchObject({ title: '李春梅申请请假', body: '活动：学习代表法', btnCount: '2', btn1Key: 'leave.approve:7', btn2Text: '驳回', btn3Text: '' });
    expect(templateKindOf(card)).toBe('approval');
    expect(templateKindOf({ ...card, buttons: [{ key: 'activity.attend:1', text: '参加' }] })).toBe('notice');
    expect(settledParams('已批准（赵文华）')).toMatchObject({ settled: '已批准（赵文华）', btnCount: '0', btn1Text: '' });
  });

  it('derives one outTrackId per outbox row, the same on every try', () => {
    const at = new Date('2026-11-23T02:00:00Z');
    expect(dingtalkOutTrackId('leave-approval:7|dingtalk', at)).toBe(dingtalkOutTrackId('leave-approval:7|dingtalk', at));
    expect(dingtalkOutTrackId('leave-approval:7|dingtalk', at)).not.toBe(dingtalkOutTrackId('leave-approval:7|dingtalk|part2', at));
    expect(dingtalkOutTrackId('k', at)).toMatch(/^dlb-[\w-]{32}$/);
  });
});
