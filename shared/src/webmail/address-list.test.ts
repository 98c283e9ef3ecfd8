import { describe, expect, test } from 'vitest';
import { isAddressLikeName, parseAddressList } from './address-list';

describe('parseAddressList', () => {
  test.each([
    ['Anna Müller <anna@acme.de>', [{ name: 'Anna Müller', address: 'anna@acme.de' }]],
    ['"Müller, Anna" <Anna@Acme.DE>', [{ name: 'Müller, Anna', address: 'anna@acme.de' }]],
    // Outlook on the web writes no space before the bracket.
    ['Anna Müller<anna@acme.de>', [{ name: 'Anna Müller', address: 'anna@acme.de' }]],
    ['From: 王小明 <wang@example.cn>', [{ name: '王小明', address: 'wang@example.cn' }]],
    ['发件人：张伟 <zhang.wei@example.cn>', [{ name: '张伟', address: 'zhang.wei@example.cn' }]],
    ['anna@acme.de', [{ address: 'anna@acme.de' }]],
    [
      'To: Li Wei <li.wei@example.cn>; bob@example.com, "Chen, Bo" <bo@example.com>',
      [
        { name: 'Li Wei', address: 'li.wei@example.cn' },
        { address: 'bob@example.com' },
        { name: 'Chen, Bo', address: 'bo@example.com' },
      ],
    ],
    ['a@x.com, A@X.com', [{ address: 'a@x.com' }]],
    ['mailto:sales@acme.de', [{ address: 'sales@acme.de' }]],
    ['no address here <not-an-address>', []],
    ['<anna@acme.de>', [{ address: 'anna@acme.de' }]],
  ])('%s', (text, people) => {
    expect(parseAddressList(text)).toEqual(people);
  });

  test('is bounded: at most `max` people, and a huge text is cut', () => {
    const many = Array.from({ length: 500 }, (_, i) => `p${i}@example.com`).join(', ');
    expect(parseAddressList(many, 20)).toHaveLength(20);
    const huge = `${'x'.repeat(2_000_000)} late@example.com`;
    const started = performance.now();
    expect(parseAddressList(huge)).toEqual([]);
    expect(performance.now() - started).toBeLessThan(500);
  });
});

describe('isAddressLikeName', () => {
  test.each([
    [undefined, 'anna@acme.de', true],
    ['', 'anna@acme.de', true],
    ['anna@acme.de', 'anna@acme.de', true],
    ['anna.mueller', 'anna.mueller@acme.de', true],
    ['Anna Mueller', 'anna.mueller@acme.de', false],
    ['AnnaMueller', 'anna.mueller@acme.de', true],
    ['Anna Müller', 'anna.mueller@acme.de', false],
    ['王小明', 'wang@example.cn', false],
  ])('%s for %s → %s', (name, address, expected) => {
    expect(isAddressLikeName(name, address)).toBe(expected);
  });
});
