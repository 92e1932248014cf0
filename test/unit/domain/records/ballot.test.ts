import { describe, expect, it } from 'vitest';
import { checkPaper, tally } from '../../../../src/domain/records/ballot.ts';
import { checkConfirmation, diaryReminderOwed } from '../../../../src/domain/records/diary.ts';
import { DEFAULT_POLICY } from '../../../../src/domain/policy.ts';
import { ballotKey, buttonToken, openChoice, sealChoice, voterMarker } from '../../../../src/lib/ballot-crypto.ts';

describe('report-back tally (rules E1, E3)', () => {
  it('rule E3: card and paper votes add up by choice; rule E1: below the quorum is flagged', () => {
    const t = tally(['满意', '满意', '不满意', '基本满意'], { 满意: 20, 基本满意: 3, 不满意: 1 }, 30);
    expect(t.total).toEqual({ 满意: 22, 基本满意: 4, 不满意: 2 });
    expect(t).toMatchObject({ voters: 28, quorum: 30, belowQuorum: true });
    expect(tally(Array(30).fill('满意'), null, 30).belowQuorum).toBe(false);
    expect(tally(['满意', 'garbage'], null, 1).voters).toBe(1);
  });

  it('rule E3: a paper count is whole numbers no larger in sum than the paper voters', () => {
    expect(checkPaper({ 满意: 2, 基本满意: 1, 不满意: 0 }, 3)).toBeUndefined();
    expect(checkPaper({ 满意: 2, 基本满意: 2, 不满意: 0 }, 3)).toBe('too_many');
    expect(checkPaper({ 满意: -1, 基本满意: 0, 不满意: 0 }, 3)).toBe('not_whole');
    expect(checkPaper({ 满意: 1.5, 基本满意: 0, 不满意: 0 }, 3)).toBe('not_whole');
  });
});

describe('rule E3: the keyed functions behind anonymous votes', () => {
  const key = ballotKey('a-server-secret-of-at-least-32-characters', 'salt-one', 7);

  it('a voter\'s marker is stable (one vote each, changeable) and says nothing without the key', () => {
    expect(voterMarker(key, 3)).toBe(voterMarker(key, 3));
    expect(voterMarker(key, 3)).not.toBe(voterMarker(key, 4));
    expect(voterMarker(ballotKey('a-server-secret-of-at-least-32-characters', 'salt-two', 7), 3)).not.toBe(voterMarker(key, 3));
    expect(voterMarker(ballotKey('another-server-secret-of-32-characters!!', 'salt-one', 7), 3)).not.toBe(voterMarker(key, 3));
  });

  it('each voter\'s three buttons carry different tokens, unlike any other voter\'s', () => {
    const tokens = [3, 4].flatMap((v) => ['满意', '基本满意', '不满意'].map((c) => buttonToken(key, v, c)));
    expect(new Set(tokens).size).toBe(6);
    expect(tokens.every((t) => /^[0-9a-f]{16}$/.test(t))).toBe(true);
  });

  it('a sealed choice opens only with its key and never looks the same twice', () => {
    const a = sealChoice(key, '满意');
    expect(a).not.toBe(sealChoice(key, '满意'));
    expect(openChoice(key, a)).toBe('满意');
    expect(openChoice(ballotKey('a-server-secret-of-at-least-32-characters', 'salt-two', 7), a)).toBeUndefined();
    expect(openChoice(key, 'not-sealed')).toBeUndefined();
  });
});

describe('rule P3: the diary', () => {
  it('rule P3: an entry needs the constituent\'s confirmation — a signed page\'s photo, or a name and a phone', () => {
    expect(checkConfirmation({ kind: 'photo', photoRef: 'media-1' })).toBe('ok');
    expect(checkConfirmation({ kind: 'photo', photoRef: '' })).toBe('photo');
    expect(checkConfirmation({ kind: 'contact', name: '王秀英', phone: '13912345678' })).toBe('ok');
    expect(checkConfirmation({ kind: 'contact', name: '王秀英', phone: '0371-1234' })).toBe('phone');
    expect(checkConfirmation({ kind: 'contact', name: '王', phone: '13912345678' })).toBe('name');
  });

  it('rule P3: reminded below the month\'s minimum (5), never when the county keeps no diary', () => {
    expect(diaryReminderOwed(4, DEFAULT_POLICY)).toBe(true);
    expect(diaryReminderOwed(5, DEFAULT_POLICY)).toBe(false);
    expect(diaryReminderOwed(0, { ...DEFAULT_POLICY, diaryEntriesPerMonth: 0 })).toBe(false);
  });
});
