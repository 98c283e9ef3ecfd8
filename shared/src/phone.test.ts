import { describe, expect, test } from 'vitest';
import { normalizePhone, phoneKey } from './phone';
import { ContactPhone } from './schemas/contact';

describe('normalizePhone', () => {
  test.each<[string, string, string, string]>([
    // [raw, default region, number, raw kept]
    ['138 0013 8000', 'CN', '+8613800138000', '138 0013 8000'],
    ['13800138000', 'CN', '+8613800138000', '13800138000'],
    ['138-0013-8000', 'CN', '+8613800138000', '138-0013-8000'],
    ['+86 138 0013 8000', 'CN', '+8613800138000', '+86 138 0013 8000'],
    ['0086 138 0013 8000', 'CN', '+8613800138000', '0086 138 0013 8000'],
    ['+86 138 0013 8000', 'US', '+8613800138000', '+86 138 0013 8000'], // a country code beats the region
    ['+86 10 6552 9988', 'CN', '+861065529988', '+86 10 6552 9988'],
    ['010 6552 9988', 'CN', '+861065529988', '010 6552 9988'], // trunk prefix 0 dropped
    ['(010) 6552-9988', 'CN', '+861065529988', '(010) 6552-9988'],
    ['+86 (0)10 6552 9988', 'CN', '+861065529988', '+86 (0)10 6552 9988'],
    ['０１０-６５５２-９９８８', 'CN', '+861065529988', '０１０-６５５２-９９８８'], // full-width digits
    ['400 810 8888', 'CN', '+864008108888', '400 810 8888'],
    ['138 0013 8000', 'cn', '+8613800138000', '138 0013 8000'], // the region is case-insensitive
    ['(415) 555-2671', 'US', '+14155552671', '(415) 555-2671'],
    ['415.555.2671', 'US', '+14155552671', '415.555.2671'],
    ['+1 415 555 2671', 'CN', '+14155552671', '+1 415 555 2671'],
    ['+44 20 7946 0958', 'CN', '+442079460958', '+44 20 7946 0958'],
    ['2345 6789', 'HK', '+85223456789', '2345 6789'],
    // Surrounding text and extensions: the number is extracted, raw keeps everything.
    ['Tel: +86 138 0013 8000', 'CN', '+8613800138000', 'Tel: +86 138 0013 8000'],
    ['电话：138 0013 8000', 'CN', '+8613800138000', '电话：138 0013 8000'],
    ['+1 415 555 2671 ext. 12', 'US', '+14155552671', '+1 415 555 2671 ext. 12'],
    ['010-6552 9988 转 8001', 'CN', '+861065529988', '010-6552 9988 转 8001'],
    ['010-65529988转8001', 'CN', '+861065529988', '010-65529988转8001'],
    ['010 6552 9988 分机 8001', 'CN', '+861065529988', '010 6552 9988 分机 8001'],
    // Whitespace is collapsed in raw.
    ['  138  0013\t8000 ', 'CN', '+8613800138000', '138 0013 8000'],
    // Unparseable text is kept as written.
    ['call me maybe', 'CN', 'call me maybe', 'call me maybe'],
    ['前台转王经理', 'CN', '前台转王经理', '前台转王经理'],
    ['12345', 'CN', '12345', '12345'],
    ['138 0013 8000 / 139 0000 0000', 'CN', '138 0013 8000 / 139 0000 0000', '138 0013 8000 / 139 0000 0000'],
    ['6552 9988', 'ZZ', '6552 9988', '6552 9988'], // unknown region: no country to read it in
  ])('%j in %s → %j', (raw, region, number, keptRaw) => {
    expect(normalizePhone(raw, region)).toEqual({ number, raw: keptRaw, label: 'work' });
  });

  test.each(['work', 'home', 'mobile', 'fax', 'other'] as const)('keeps the label %s', (label) => {
    expect(normalizePhone('138 0013 8000', 'CN', label).label).toBe(label);
  });

  test.each([
    ['138 0013 8000', 'CN'],
    ['(415) 555-2671', 'US'],
    ['call me maybe', 'CN'],
  ])('the result of %j is a valid ContactPhone', (raw, region) => {
    const phone = normalizePhone(raw, region, 'mobile');
    expect(ContactPhone.parse(phone)).toEqual(phone);
  });

  // Blank input gives a blank phone, which the schema refuses: callers skip blank fields.
  test('blank input gives a blank, invalid phone', () => {
    expect(normalizePhone(' \t ', 'CN')).toEqual({ number: '', raw: '', label: 'work' });
    expect(ContactPhone.safeParse(normalizePhone(' ', 'CN')).success).toBe(false);
  });
});

describe('phoneKey', () => {
  test.each([
    ['+8613800138000', '+8613800138000'],
    ['+14155552671', '+14155552671'],
    ['(0571) 8502-2088', '057185022088'],
    ['12345', '12345'],
    ['ext 12', '12'],
    ['Ask Reception ', 'ask reception'],
    ['前台转王经理', '前台转王经理'],
  ])('%j → %j', (number, key) => {
    expect(phoneKey({ number })).toBe(key);
  });

  test.each([
    ['138 0013 8000', 'CN', '+86 138-0013-8000', 'US'],
    ['010 6552 9988', 'CN', '+86 10 6552 9988', 'DE'],
    ['(415) 555-2671', 'US', '+1 415 555 2671', 'CN'],
    ['010-6552 9988 转 8001', 'CN', '+861065529988', 'CN'],
  ])('%j (%s) and %j (%s) share a key', (a, regionA, b, regionB) => {
    expect(phoneKey(normalizePhone(a, regionA))).toBe(phoneKey(normalizePhone(b, regionB)));
  });

  // An empty key would match every other digitless phone and merge unrelated contacts.
  test.each([
    ['ask reception', 'see website'],
    ['前台', '微信联系'],
    ['138 0013 8000', '139 0013 8000'],
  ])('%j and %j do not share a key', (a, b) => {
    expect(phoneKey(normalizePhone(a, 'CN'))).not.toBe(phoneKey(normalizePhone(b, 'CN')));
  });
});
