import { describe, expect, test } from 'vitest';
import { isCjkName, type PersonName, splitPersonName } from './names';

describe('splitPersonName: Chinese, Japanese and Korean script', () => {
  test.each<[string, PersonName]>([
    ['王小明', { familyName: '王', givenName: '小明' }],
    ['李娜', { familyName: '李', givenName: '娜' }],
    // A space after a short head is the writer's own family/given split; spaced-out characters are compacted.
    ['王 小明', { familyName: '王', givenName: '小明' }],
    ['山田 太郎', { familyName: '山田', givenName: '太郎' }],
    ['김 민준', { familyName: '김', givenName: '민준' }],
    ['王小 明', { familyName: '王小', givenName: '明' }],
    ['王小明 Tony', { familyName: '王', givenName: '小明 Tony' }],
    ['王  小 明', { familyName: '王', givenName: '小明' }],
    ['  王小明\t', { familyName: '王', givenName: '小明' }],
    // Two-character surnames (复姓) stay whole.
    ['欧阳娜娜', { familyName: '欧阳', givenName: '娜娜' }],
    ['欧阳 娜娜', { familyName: '欧阳', givenName: '娜娜' }],
    ['欧 阳 娜 娜', { familyName: '欧阳', givenName: '娜娜' }],
    ['司马懿', { familyName: '司马', givenName: '懿' }],
    ['诸葛亮', { familyName: '诸葛', givenName: '亮' }],
    ['上官婉儿', { familyName: '上官', givenName: '婉儿' }],
    ['慕容复', { familyName: '慕容', givenName: '复' }],
    // A two-character name that starts like a compound surname is surname + given name.
    ['欧阳', { familyName: '欧', givenName: '阳' }],
    ['王', { familyName: '王' }],
    ['김민수', { familyName: '김', givenName: '민수' }],
    // A middle dot marks a transliterated foreign or minority name: given name first.
    ['迈克尔·杰克逊', { givenName: '迈克尔', familyName: '杰克逊' }],
    ['阿依古丽 · 买买提', { givenName: '阿依古丽', familyName: '买买提' }],
    ['玛丽·安·史密斯', { givenName: '玛丽·安', familyName: '史密斯' }],
    ['ジョン・スミス', { givenName: 'ジョン', familyName: 'スミス' }],
    ['约翰•史密斯', { givenName: '约翰', familyName: '史密斯' }],
    // A stray dot with nothing on one side is dropped.
    ['王·', { familyName: '王' }],
  ])('%j → %j', (name, expected) => {
    expect(splitPersonName(name)).toEqual(expected);
  });
});

describe('splitPersonName: Latin script', () => {
  test.each<[string, PersonName]>([
    ['Smith, John', { familyName: 'Smith', givenName: 'John' }],
    ['Smith,John', { familyName: 'Smith', givenName: 'John' }],
    ["O'Brien, Mary Kate", { familyName: "O'Brien", givenName: 'Mary Kate' }],
    ['van der Berg, Anna', { familyName: 'van der Berg', givenName: 'Anna' }],
    ['Smith,', { familyName: 'Smith' }],
    [', John', { givenName: 'John' }],
    [',', {}],
    ['Mary Ann Smith', { givenName: 'Mary Ann', familyName: 'Smith' }],
    ['John Smith', { givenName: 'John', familyName: 'Smith' }],
    ['  John   Smith  ', { givenName: 'John', familyName: 'Smith' }],
    ['Madonna', { givenName: 'Madonna' }],
    ['José García', { givenName: 'José', familyName: 'García' }],
    // Pinyin in Latin script follows the Western order: the last word is the family name.
    ['Xiaoming Wang', { givenName: 'Xiaoming', familyName: 'Wang' }],
    ['', {}],
    ['   ', {}],
  ])('%j → %j', (name, expected) => {
    expect(splitPersonName(name)).toEqual(expected);
  });
});

describe('isCjkName', () => {
  test.each([
    ['王小明', true],
    ['欧阳娜娜', true],
    ['山田太郎', true],
    ['やまだ', true],
    ['ジョン', true],
    ['김민수', true],
    ['Tony 王', true],
    ['John Smith', false],
    ['José García', false],
    ['Xiaoming Wang', false],
    ['', false],
  ])('%j → %s', (name, expected) => {
    expect(isCjkName(name)).toBe(expected);
  });
});
