// update_template_card as WeCom applies it (doc 94888, platforms.md §1.4 and §3): a
// button-only update keeps the card and greys its buttons; a full update replaces the card and
// keeps its task_id.
import { describe, expect, it } from 'vitest';
import { applyCardUpdate, readCardUpdate } from '../../../src/simulator/fake-card-update.ts';

const approval = {
  card_type: 'button_interaction',
  main_title: { title: '郑丽娟申请请假', desc: '视察城关镇老旧小区改造' },
  sub_title_text: '事由：要去市里参加人大培训，无法参加',
  task_id: 'leave-1@abc',
  button_list: [{ text: '批准', style: 1, key: 'leave.approve:1' }, { text: '驳回', style: 3, key: 'leave.reject:1' }],
};

describe('fake update_template_card', () => {
  it('a button-only update keeps who asked, for what and why, and shows one grey button with the new text', () => {
    const update = readCardUpdate({ response_code: 'x', button: { replace_name: '已批准（赵文华）' } })!;
    expect(applyCardUpdate(approval, update)).toEqual({ ...approval, replace_text: '已批准（赵文华）' });
  });

  it('a full update replaces the card and keeps the task_id the member clicks with', () => {
    const card = { card_type: 'button_interaction', main_title: { title: '新卡片' }, task_id: 'leave-1', button_list: [] };
    expect(applyCardUpdate(approval, readCardUpdate({ template_card: card })!)).toEqual({ ...card, task_id: 'leave-1@abc' });
  });

  it('neither a card nor a button text is no update', () => {
    expect(readCardUpdate({ button: { replace_name: ' ' } })).toBeUndefined();
    expect(readCardUpdate({ template_card: [] })).toBeUndefined();
    expect(readCardUpdate({})).toBeUndefined();
  });
});
