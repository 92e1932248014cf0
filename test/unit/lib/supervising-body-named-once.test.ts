// Rule U4: the supervising body has one name per organisation, policy.supervisingBody (default
// 县人大常委会代表联络工委; a township sets 乡镇人大主席团), and its staff are the people a person
// is told to ask. No text may name that body, or its office, by a fixed name: the only fixed
// names are the policy's default and the roster's default name for the staff unit (data).
import { relative } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ROOT, chineseTexts, offending, sourceFiles } from '../../helpers/source-texts.ts';

const FIXED_NAMES = /联络工委|联络工作委员会|代表联络工作机构|人大办|人大常委会办公室|乡镇人大主席团/u;
const WHERE_ALLOWED = new Set(['src/domain/policy.ts', 'src/services/roster/roster-types.ts']);

describe('rule U4: the supervising body is named only from the policy', () => {
  it('no Chinese string in src/ or scripts/ names the body by a fixed name', () => {
    const files = [...sourceFiles('src', '.ts'), ...sourceFiles('scripts', '.ts')].filter((f) => !WHERE_ALLOWED.has(relative(ROOT, f)));
    expect(offending(files, chineseTexts, (text) => FIXED_NAMES.test(text))).toEqual([]);
  });
});
