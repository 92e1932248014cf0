import { describe, expect, it } from 'vitest';
import { Router, type Command } from '../../../src/bot/router.ts';
import { BadInputError } from '../../../src/lib/errors.ts';
import { normalizeInput } from '../../../src/lib/text.ts';

const noop = async () => {};
const commands: Command[] = [
  { name: '帮助', aliases: ['help', '?'], summary: '', audience: 'everyone', run: noop },
  { name: '代签', summary: '', audience: 'office', run: noop },
];
const router = new Router(commands, [
  { action: 'help.whoami', argument: 'none', run: noop },
  { action: 'leave.approve', argument: 'id', run: noop },
]);

describe('chat input', () => {
  it('normalises full-width characters, spaces and trailing punctuation', () => {
    expect(normalizeInput('  帮助！ ')).toBe('帮助');
    expect(normalizeInput('ＨＥＬＰ')).toBe('HELP');
    expect(normalizeInput('代签\u3000张三。')).toBe('代签 张三');
    expect(normalizeInput('第２个')).toBe('第2个');
  });
});

describe('Router', () => {
  it('matches a command by name or alias, loosely typed', () => {
    expect(router.matchText('帮助')?.command.name).toBe('帮助');
    expect(router.matchText('帮助？')?.command.name).toBe('帮助');
    expect(router.matchText('HELP')?.command.name).toBe('帮助');
    expect(router.matchText('？')?.command.name).toBe('帮助');
  });

  it('passes the rest of the line as arguments', () => {
    expect(router.matchText('代签　张三')).toMatchObject({ command: { name: '代签' }, args: '张三' });
  });

  it('does not match text that only starts like a command', () => {
    expect(router.matchText('帮助我请假')).toBeUndefined();
    expect(router.matchText('今天天气不错')).toBeUndefined();
  });

  it('matches card button keys by action id and keeps the argument', () => {
    expect(router.matchAction('help.whoami')?.argument).toBeUndefined();
    expect(router.matchAction('leave.approve:42')?.argument).toBe('42');
    expect(router.matchAction('activity.attend:1')).toBeUndefined(); // an old card's action
  });

  it.each(['leave.approve:1 OR 1=1', 'leave.approve:0', 'leave.approve:01', 'leave.approve:2147483648', 'leave.approve', 'help.whoami:42', 'Leave.Approve:1', "a';--:1", ''])(
    'refuses the malformed key %j with a bad-input error',
    (key) => {
      expect(() => router.matchAction(key)).toThrowError(BadInputError);
    },
  );
});
