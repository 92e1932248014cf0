// Rule IDs (A4, L2, R6 …) are for code comments and test titles; a person never reads them.
// Every string literal in src/ and scripts/ that holds Chinese text is what a person reads
// (chat messages, card texts, command-line output), and so is every text of a card definition
// in cards/: none may carry a rule ID.
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { chineseTexts, jsonStrings, offending, sourceFiles } from '../../helpers/source-texts.ts';

/** The rule IDs of docs/domain.md: U1–U5, A1–A7, L1–L5, R1–R6, S1–S6, P1–P4, E1–E3. */
const RULE_ID = /(?<![A-Za-z0-9_])[UALRSPE][1-9](?![0-9A-Za-z_])|规则\s*[A-Z]/u;
const hasRuleId = (text: string) => RULE_ID.test(text);

describe('no internal rule IDs in what a person reads', () => {
  it('no Chinese string in src/ or scripts/ names a rule ID', () => {
    const files = [...sourceFiles('src', '.ts'), ...sourceFiles('scripts', '.ts')];
    expect(offending(files, chineseTexts, hasRuleId)).toEqual([]);
  });

  it('no card definition in cards/ names a rule ID', () => {
    const cards = sourceFiles('cards', '.json');
    expect(cards.length).toBeGreaterThan(0);
    expect(offending(cards, (f) => jsonStrings(JSON.parse(readFileSync(f, 'utf8'))), hasRuleId)).toEqual([]);
  });

  it('the scan reads every message module and would catch an ID (guards the guard)', () => {
    const messageModules = sourceFiles('src', '.ts').filter((f) => /messages\.ts$/.test(f));
    expect(messageModules.length).toBeGreaterThan(10);
    expect(messageModules.flatMap(chineseTexts).length).toBeGreaterThan(100);
    expect(hasRuleId('请于12月1日前报告（规则 A4）。')).toBe(true);
    expect(hasRuleId('按规定每年最多请假 2 次（L2）')).toBe(true);
    expect(hasRuleId('2026-建-0001 已登记，A座三楼')).toBe(false);
  });
});
