// Cell clean-up for rosters typed by hand in Excel or WPS: full-width characters from a
// Chinese input method, stray spaces, invisible characters pasted from web pages.

const INVISIBLE = /[\u200B-\u200D\u2060\uFEFF]/g;
const FULL_WIDTH_ALNUM = /[\uFF10-\uFF19\uFF21-\uFF3A\uFF41-\uFF5A]/g;
const FULL_WIDTH_ASCII = /[\uFF01-\uFF5E]/g;
const CJK = '\\u3400-\\u9FFF\\uF900-\\uFAFF';
const SPACE_BETWEEN_CJK = new RegExp(`(?<=[${CJK}·])\\s+(?=[${CJK}·])`, 'g');

function shiftToAscii(ch: string): string {
  return String.fromCharCode(ch.charCodeAt(0) - 0xfee0);
}

/**
 * Trims, collapses inner whitespace and turns full-width digits and letters half-width.
 * Full-width punctuation is kept: （） and 、 belong in Chinese unit names.
 */
export function cleanText(raw: string | undefined): string {
  return (raw ?? '')
    .replace(INVISIBLE, '')
    .replace(FULL_WIDTH_ALNUM, shiftToAscii)
    .replace(/\s+/g, ' ')
    .trim();
}

/** Names: people pad two-character names ("张  伟") to line up columns; that is not part of the name. */
export function cleanName(raw: string | undefined): string {
  return cleanText(raw).replace(SPACE_BETWEEN_CJK, '');
}

/** Codes and ids: all full-width ASCII (＠ ＿ －) becomes half-width too. */
export function cleanCode(raw: string | undefined): string {
  return cleanText((raw ?? '').replace(FULL_WIDTH_ASCII, shiftToAscii));
}

/**
 * Phone numbers: separators people type ("138 0013 8000", "138-0013-8000") are dropped,
 * and so is the +86 that contacts exported from a phone carry.
 */
export function cleanMobile(raw: string | undefined): string {
  const digits = cleanCode(raw).replace(/[\s\-–—]/g, '');
  return digits.replace(/^\+?86(?=1\d{10}$)/, '');
}
