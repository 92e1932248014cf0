// Rule R6 where data leaves the register: phones masked unless asked for in full; names and
// addresses of visitors in full only for office staff.
import { describe, expect, it } from 'vitest';
import { LEADER_PRIVACY, maskName, maskPhone, OFFICE_PRIVACY, addressFor, personFor, phoneFor } from '../../../../src/domain/registers/privacy.ts';
import { parseBookName } from '../../../../src/domain/registers/book-names.ts';

describe('rule R6 on the registers', () => {
  it('rule R6: phones are masked, names masked for leaders, addresses only for office staff', () => {
    expect(maskPhone('13912345678')).toBe('139****5678');
    expect(maskPhone('12345')).toBe('****');
    expect(maskName('王大妈')).toBe('王**');
    expect(maskName('欧阳')).toBe('欧*');
    expect(phoneFor('13912345678', OFFICE_PRIVACY)).toBe('139****5678');
    expect(phoneFor('13912345678', { ...OFFICE_PRIVACY, phones: 'full' })).toBe('13912345678');
    expect(personFor('王大妈', LEADER_PRIVACY)).toBe('王**');
    expect(addressFor('幸福村3组', LEADER_PRIVACY)).toBe('');
    expect(addressFor('幸福村3组', OFFICE_PRIVACY)).toBe('幸福村3组');
  });

  it('book names: the contract\'s short names and the seeds\' full names', () => {
    expect(parseBookName('考勤簿')).toBe('考勤簿');
    expect(parseBookName('《代表意见转办簿》')).toBe('转办簿');
    expect(parseBookName('走访群众登记簿')).toBe('走访登记簿');
    expect(parseBookName('台帐')).toBeUndefined();
  });
});
