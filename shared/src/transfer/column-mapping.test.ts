import { describe, expect, test } from 'vitest';
import { guessMapping, missingFields } from './column-mapping';

describe('guessMapping', () => {
  test.each([
    [
      ['姓名', '手机', '电话', '邮箱', '公司', '职位'],
      ['displayName', 'mobile', 'phone', 'email', 'company', 'title'],
    ],
    [
      ['名字', '地址', '城市', '省份', '生日', '性别', '标签'],
      ['displayName', 'street', 'city', 'region', 'birthday', 'gender', 'tags'],
    ],
    [
      ['First Name', 'Last Name', 'E-mail Address', 'Mobile Phone', 'Company', 'Job Title'],
      ['givenName', 'familyName', 'email', 'mobile', 'company', 'title'],
    ],
    [
      ['姓', '名', '联系人手机', '备注'],
      ['familyName', 'givenName', 'mobile', 'preferences'],
    ],
    [
      ['Name', 'Customer Email', 'Whatever'],
      ['displayName', 'email', null],
    ],
    [
      ['email', 'Email'],
      ['email', null],
    ],
  ])('contacts %j', (headers, expected) => {
    expect(guessMapping(headers, 'contacts')).toEqual(expected);
  });

  test.each([
    [
      ['订单号', '客户', '手机', '商品', '数量', '金额', '日期'],
      ['orderId', 'customerName', 'customerPhone', 'product', 'quantity', 'amount', 'date'],
    ],
    [
      [
        'Order ID',
        'Order Date',
        'Customer Email',
        'Lineitem name',
        'Lineitem quantity',
        'Lineitem price',
        'Currency',
      ],
      ['orderId', 'date', 'customerEmail', 'product', 'quantity', 'unitPrice', 'currency'],
    ],
    [
      ['买家姓名', '宝贝标题', '实付金额', '付款时间', '店铺'],
      ['customerName', 'product', 'amount', 'date', 'channel'],
    ],
  ])('purchases %j', (headers, expected) => {
    expect(guessMapping(headers, 'purchases')).toEqual(expected);
  });
});

describe('missingFields', () => {
  test('contacts need a name, an email or a phone', () => {
    expect(missingFields(['tags', null], 'contacts')).toEqual(['displayName']);
    expect(missingFields(['email'], 'contacts')).toEqual([]);
  });
  test('purchases need a customer, an amount and a date', () => {
    expect(missingFields(['product'], 'purchases')).toEqual(['customerName', 'amount', 'date']);
    expect(missingFields(['customerPhone', 'unitPrice', 'date'], 'purchases')).toEqual([]);
  });
});
