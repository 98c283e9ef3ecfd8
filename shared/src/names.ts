/** Two-character Chinese surnames (复姓) that must not be cut after the first character. */
const COMPOUND_SURNAMES = new Set([
  '欧阳',
  '司马',
  '上官',
  '诸葛',
  '东方',
  '皇甫',
  '尉迟',
  '公孙',
  '慕容',
  '长孙',
  '宇文',
  '司徒',
  '令狐',
  '夏侯',
  '轩辕',
  '端木',
  '独孤',
  '南宫',
  '西门',
  '闻人',
  '呼延',
  '澹台',
  '公冶',
  '太史',
  '申屠',
  '钟离',
]);

const CJK = /[\u3040-\u30ff\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff\uac00-\ud7af]/;

/**
 * A name written with a middle dot is a transliterated foreign or minority name, given name first:
 * 迈克尔·杰克逊 (Michael Jackson), 阿依古丽·买买提, ジョン・スミス. The lazy head and dot-free tail
 * split at the last dot.
 */
const DOTTED_NAME = /^(.*?)\s*[·•・]\s*([^·•・]*)$/;

export interface PersonName {
  givenName?: string;
  familyName?: string;
}

/** True when the name is written in Chinese, Japanese or Korean script. */
export function isCjkName(name: string): boolean {
  return CJK.test(name);
}

/**
 * Splits a display name into family and given name.
 * CJK names are never split the Western way: the family name comes first (with two-character
 * surnames such as 欧阳 kept whole; a space after a short head ends the family name, as in
 * 山田 太郎), except names written with a middle dot (迈克尔·杰克逊), which
 * are given name first. Western names: "Family, Given" or "Given … Family".
 * @example splitPersonName('欧阳 娜娜') // { familyName: '欧阳', givenName: '娜娜' }
 */
export function splitPersonName(displayName: string): PersonName {
  const name = displayName.trim().replace(/\s+/g, ' ');
  if (!name) return {};
  if (isCjkName(name)) {
    const dotted = DOTTED_NAME.exec(name);
    if (dotted?.[1] && dotted[2]) return { givenName: dotted[1], familyName: dotted[2].trim() };
    // Family name first. A space after a one- or two-character head is the writer's own split
    // (王 小明, 山田 太郎, 김 민준); otherwise, and for spaced-out characters (王 小 明), the surname
    // table decides (欧阳娜娜, 王小明).
    const tokens = name.split(' ');
    const spacedOut = tokens.every((t) => t.length === 1);
    const [head = '', ...rest] = spacedOut ? [tokens.join('')] : tokens;
    if (rest.length > 0 && isCjkName(head) && head.length <= 2) {
      return { familyName: head, givenName: rest.join(isCjkName(rest.join('')) ? '' : ' ') };
    }
    const compact = head.replace(/[·•]/g, '');
    const tail = rest.length > 0 ? ` ${rest.join(' ')}` : '';
    if (compact.length < 2)
      return tail ? { familyName: compact, givenName: tail.trim() } : { familyName: compact };
    const familyLength = COMPOUND_SURNAMES.has(compact.slice(0, 2)) && compact.length > 2 ? 2 : 1;
    return { familyName: compact.slice(0, familyLength), givenName: compact.slice(familyLength) + tail };
  }
  const comma = name.indexOf(',');
  if (comma >= 0) {
    // ", John" (an export with an empty family-name column) must not fall through to the
    // space split, which made "," the given name.
    const familyName = name.slice(0, comma).trim();
    const givenName = name.slice(comma + 1).trim();
    return { ...(familyName && { familyName }), ...(givenName && { givenName }) };
  }
  const parts = name.split(' ');
  if (parts.length === 1) return { givenName: name };
  return { givenName: parts.slice(0, -1).join(' '), familyName: parts.at(-1)! };
}
