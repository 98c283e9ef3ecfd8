import { describe, expect, test } from 'vitest';
import { guessMapping } from './column-mapping';
import { contactRowsFromTable } from './contact-rows';
import { parseCsvTable } from './csv-table';
import { purchaseRowsFromTable } from './purchase-rows';

const now = Date.UTC(2026, 10, 22);
const contactOpts = { defaultRegion: 'CN', fileName: 'customers.csv', now };

const contactsOf = (csv: string) => {
  const table = parseCsvTable(csv);
  return contactRowsFromTable(table, guessMapping(table.headers, 'contacts'), contactOpts);
};

describe('contactRowsFromTable', () => {
  test('reads a Chinese export: names split, phones to E.164, company, address, birthday, tags', () => {
    const { items, errors } = contactsOf(
      '姓名,手机,电话,邮箱,公司,职位,省份,城市,地址,国家,生日,性别,标签,备注\n' +
        '欧阳娜娜,138 0013 8000,010-6552 9988,Nana@Example.cn,杭州茶叶贸易有限公司,采购经理,浙江,杭州,西湖区1号,中国,1990年5月4日,女,"vip,茶叶",喜欢龙井\n',
    );
    expect(errors).toEqual([]);
    expect(items).toHaveLength(1);
    expect(items[0]).toEqual({
      row: 2,
      gender: 'female',
      preferences: '喜欢龙井',
      draft: {
        displayName: '欧阳娜娜',
        familyName: '欧阳',
        givenName: '娜娜',
        emails: [{ address: 'nana@example.cn', label: 'work' }],
        phones: [
          { number: '+8613800138000', raw: '138 0013 8000', label: 'mobile' },
          { number: '+861065529988', raw: '010-6552 9988', label: 'work' },
        ],
        urls: [],
        organization: '杭州茶叶贸易有限公司',
        title: '采购经理',
        address: { region: '浙江', city: '杭州', street: '西湖区1号', country: 'CN' },
        birthday: '1990-05-04',
        tags: ['vip', '茶叶'],
        source: { kind: 'import', importFile: 'customers.csv', capturedAt: now },
      },
    });
  });

  test('bad rows are listed with row number, field, column and reason; good rows are kept', () => {
    const { items, errors } = contactsOf(
      'Name,Email,Phone,Birthday,Gender,Country\n' +
        'Anna Schmidt,anna@example.de,+49 30 1234567,1985-02-01,f,DE\n' +
        'Bad Mail,not-an-email,,,,\n' +
        ',,,,,\n' +
        'No Name,,,,,\n' +
        'Odd,,12,1985-02-30,maybe,Atlantis\n' +
        ',only@mail.com,,,,\n',
    );
    expect(items.map((i) => [i.row, i.draft.displayName])).toEqual([
      [2, 'Anna Schmidt'],
      [5, 'No Name'],
      [7, 'only@mail.com'],
    ]);
    expect(errors.map((e) => [e.row, e.field, e.column, e.code, e.value])).toEqual([
      [3, 'email', 'Email', 'invalid-email', 'not-an-email'],
      [6, 'phone', 'Phone', 'invalid-phone', '12'],
      [6, 'country', 'Country', 'invalid-country', 'Atlantis'],
      [6, 'birthday', 'Birthday', 'invalid-date', '1985-02-30'],
      [6, 'gender', 'Gender', 'invalid-gender', 'maybe'],
    ]);
    expect(errors[0]!.message).toBe('Row 3: Email "not-an-email" is not an email address');
  });

  test('a row without a name, email or phone is refused as missing a name', () => {
    const { items, errors } = contactsOf('Name,Tags\n,vip\n');
    expect(items).toEqual([]);
    expect(errors).toMatchObject([{ row: 2, field: 'displayName', code: 'required', column: 'Name' }]);
  });

  test('values the Contact schema refuses (too long) are named by field and column', () => {
    const { errors } = contactsOf(`Name,Title\nAnna,${'x'.repeat(201)}\n`);
    expect(errors).toMatchObject([
      {
        row: 2,
        field: 'title',
        column: 'Title',
        code: 'invalid',
        message: expect.stringContaining('at most 200'),
      },
    ]);
  });

  test('family and given name columns make the display name', () => {
    const { items } = contactsOf('Last Name,First Name\nSmith,John\n王,小明\n');
    expect(items.map((i) => i.draft.displayName)).toEqual(['John Smith', '王小明']);
  });
});

const purchaseOpts = { defaultRegion: 'CN', defaultCurrency: 'CNY', utcOffsetMinutes: 480 };
const purchasesOf = (csv: string) => {
  const table = parseCsvTable(csv);
  return purchaseRowsFromTable(table, guessMapping(table.headers, 'purchases'), purchaseOpts);
};

describe('purchaseRowsFromTable', () => {
  test('reads a shop export: customer keys, product, quantity, amount in minor units, date', () => {
    const { items, errors } = purchasesOf(
      '订单号,客户,手机,商品,数量,金额,日期,店铺\n' +
        'A-1001,王小明,138 0013 8000,龙井 250g,2,"¥1,234.50",2026/3/5 14:30,淘宝\n' +
        'A-1002,Anna,,Tea set,,"1.234,50 €",2026年3月6日,\n',
    );
    expect(errors).toEqual([]);
    expect(items).toEqual([
      {
        row: 2,
        orderId: 'A-1001',
        customer: { name: '王小明', phone: '+8613800138000' },
        purchase: {
          product: '龙井 250g',
          quantity: 2,
          amountMinor: 123_450,
          currency: 'CNY',
          occurredAt: Date.UTC(2026, 2, 5, 6, 30),
          channel: '淘宝',
        },
      },
      {
        row: 3,
        orderId: 'A-1002',
        customer: { name: 'Anna' },
        purchase: {
          product: 'Tea set',
          quantity: 1,
          amountMinor: 123_450,
          currency: 'EUR',
          occurredAt: Date.UTC(2026, 2, 6, 4),
        },
      },
    ]);
  });

  test('unit price × quantity, a currency column, and refunds', () => {
    const { items } = purchasesOf(
      'Email,Lineitem price,Lineitem quantity,Currency,Date,Product\nA@x.com,12.50,3,usd,2026-03-05,Cup\nA@x.com,-5,1,USD,2026-03-06,Refund\n',
    );
    expect(items.map((i) => [i.customer.email, i.purchase.amountMinor, i.purchase.currency])).toEqual([
      ['a@x.com', 3750, 'USD'],
      ['a@x.com', -500, 'USD'],
    ]);
  });

  test('bad rows name the field and reason', () => {
    const { items, errors } = purchasesOf(
      'Customer,Amount,Date,Quantity,Currency,Product\n' +
        'Anna,abc,2026-03-05,1,,Tea\n' +
        'Anna,12,someday,1,,Tea\n' +
        ',12,2026-03-05,1,,Tea\n' +
        'Anna,12,2026-03-05,0,,Tea\n' +
        'Anna,$12,2026-03-05,1,EUR,Tea\n' +
        'Anna,12,2026-03-05,1,,\n' +
        'Anna,12,2026-03-05,1,,Tea\n',
    );
    expect(items.map((i) => i.row)).toEqual([8]);
    expect(errors.map((e) => [e.row, e.field, e.code])).toEqual([
      [2, 'amount', 'invalid-amount'],
      [3, 'date', 'invalid-date'],
      [4, 'customerName', 'required'],
      [5, 'quantity', 'invalid-quantity'],
      [6, 'amount', 'currency-mismatch'],
      [7, 'product', 'required'],
    ]);
  });
});
