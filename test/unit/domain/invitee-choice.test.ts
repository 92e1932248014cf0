// Rules A4, A6: who an activity invites, from the publisher's answer.
import { describe, expect, it } from 'vitest';
import { chooseInvitees } from '../../../src/domain/invitee-choice.ts';

const MEMBERS = [
  { id: 1, name: '赵文华' }, { id: 2, name: '钱秀英' }, { id: 3, name: '孙建国' },
  { id: 4, name: '李春梅' }, { id: 5, name: '王和平' }, { id: 6, name: '周海涛' },
];

describe('rule A4: choosing invitees', () => {
  it.each(['是', '全体', '全部', '好的', '所有人'])('%s invites the whole unit', (answer) => {
    expect(chooseInvitees(answer, MEMBERS)).toEqual({ ok: true, mode: 'all', ids: [1, 2, 3, 4, 5, 6], named: [] });
  });

  it.each([
    ['除了李春梅', [1, 2, 3, 5, 6], ['李春梅']],
    ['除李春梅外', [1, 2, 3, 5, 6], ['李春梅']],
    ['除了李春梅、周海涛以外都请', [1, 2, 3, 5], ['李春梅', '周海涛']],
    ['不邀请 李春梅和周海涛', [1, 2, 3, 5], ['李春梅', '周海涛']],
    ['除了王和平', [1, 2, 3, 4, 6], ['王和平']], // 和 inside a name is not a separator
  ])('%s leaves those out', (answer, ids, named) => {
    expect(chooseInvitees(answer, MEMBERS)).toEqual({ ok: true, mode: 'except', ids, named });
  });

  it.each([
    ['只邀请 赵文华、钱秀英', [1, 2], ['赵文华', '钱秀英']],
    ['只请赵文华，钱秀英', [1, 2], ['赵文华', '钱秀英']],
    ['只邀请赵文华和王和平', [1, 5], ['赵文华', '王和平']],
    ['赵文华、钱秀英', [1, 2], ['赵文华', '钱秀英']], // a bare list of members' names
  ])('%s invites only those', (answer, ids, named) => {
    expect(chooseInvitees(answer, MEMBERS)).toEqual({ ok: true, mode: 'only', ids, named });
  });

  it('names that match nobody are named back', () => {
    expect(chooseInvitees('只邀请 赵文华、张三、李四', MEMBERS)).toEqual({ ok: false, problem: 'unknown_names', names: ['张三', '李四'] });
    expect(chooseInvitees('除了张三', MEMBERS)).toEqual({ ok: false, problem: 'unknown_names', names: ['张三'] });
  });

  it('an answer about no one, or leaving everyone out, is refused', () => {
    expect(chooseInvitees('随便', MEMBERS)).toEqual({ ok: false, problem: 'not_understood' });
    expect(chooseInvitees('除了赵文华、钱秀英、孙建国、李春梅、王和平、周海涛', MEMBERS)).toEqual({ ok: false, problem: 'nobody' });
  });
});
