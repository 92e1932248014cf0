import { describe, expect, it } from 'vitest';
import { cleanCode, cleanMobile, cleanName, cleanText } from '../../../../src/services/roster/normalise.ts';

describe('roster cell normalisation', () => {
  it('turns full-width digits and letters half-width but keeps Chinese punctuation', () => {
    expect(cleanText('　第１代表小组（ＡＢ）　')).toBe('第1代表小组（AB）');
  });

  it('drops invisible characters pasted from web pages', () => {
    expect(cleanText('\uFEFF张\u200B伟')).toBe('张伟');
  });

  it('removes the padding inside two-character names but keeps spaces in Latin names', () => {
    expect(cleanName(' 张  伟 ')).toBe('张伟');
    expect(cleanName('Anna  Li')).toBe('Anna Li');
    expect(cleanName('买买提 · 艾力')).toBe('买买提·艾力');
  });

  it('turns full-width symbols half-width in codes', () => {
    expect(cleanCode('ｚｈａｎｇ＿ｗｅｉ＠ｘ．ｃｎ')).toBe('zhang_wei@x.cn');
  });

  it('removes separators and a +86 prefix from phone numbers', () => {
    expect(cleanMobile('１３８ ００１３－８０００')).toBe('13800138000');
    expect(cleanMobile('138-0013-8000')).toBe('13800138000');
    expect(cleanMobile('+86 138 0013 8000')).toBe('13800138000');
    expect(cleanMobile('1380013')).toBe('1380013');
  });
});
