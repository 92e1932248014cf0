// Every button on every card in cards/ names an action the bot has, and the argument buildCard
// gives it is one that action takes (a card the bot sends must never be refused as malformed).
import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { argumentFits, cardDefinition } from '../../../src/bot/card-catalog.ts';
import { createBot } from '../../../src/bot/commands/index.ts';

const cards = readdirSync(join(import.meta.dirname, '..', '..', '..', 'cards')).filter((f) => f.endsWith('.json')).map((f) => f.replace(/\.json$/, ''));

describe('card buttons and actions', () => {
  it.each(cards)('%s: each button is a registered action', (id) => {
    const { router } = createBot();
    for (const button of cardDefinition(id).buttons) {
      // Cards with an argument carry a row id (the activity or the leave request); a voting
      // card's buttons carry the ballot's id and the voter's token for that choice (rule E3).
      const key = id === 'help-menu' ? button.action : id === 'report-vote' ? `${button.action}:42.0123456789abcdef` : `${button.action}:42`;
      const match = router.matchAction(key);
      expect(match?.action.action, key).toBe(button.action);
    }
  });

  it('a row id fits only as a positive whole number the database can hold', () => {
    expect(argumentFits('id', '2147483647')).toBe(true);
    expect(argumentFits('id', '2147483648')).toBe(false);
    expect(argumentFits('none', undefined)).toBe(true);
    expect(argumentFits('none', '')).toBe(false);
  });

  it('rule E3: a voting token is a row id and exactly 16 lower-case hex digits', () => {
    expect(argumentFits('token', '7.0123456789abcdef')).toBe(true);
    expect(argumentFits('token', '7.0123456789ABCDEF')).toBe(false);
    expect(argumentFits('token', '7.0123456789abcde')).toBe(false);
    expect(argumentFits('token', '0.0123456789abcdef')).toBe(false);
    expect(argumentFits('token', '7.0123456789abcdef.1')).toBe(false);
    expect(argumentFits('token', '7')).toBe(false);
  });
});
