/** What a CSV file holds: people, or purchase lines (an ERP's or a web shop's order export). */
export type ImportKind = 'contacts' | 'purchases';

export const CONTACT_FIELDS = [
  'displayName',
  'familyName',
  'givenName',
  'email',
  'phone',
  'mobile',
  'company',
  'title',
  'street',
  'city',
  'region',
  'postalCode',
  'country',
  'birthday',
  'gender',
  'tags',
  'preferences',
] as const;
export type ContactField = (typeof CONTACT_FIELDS)[number];

export const PURCHASE_FIELDS = [
  'customerName',
  'customerEmail',
  'customerPhone',
  'orderId',
  'product',
  'quantity',
  'amount',
  'unitPrice',
  'currency',
  'date',
  'channel',
] as const;
export type PurchaseField = (typeof PURCHASE_FIELDS)[number];

export type ImportField = ContactField | PurchaseField;

/** One target field per column, or null for a column that is not imported. */
export type ColumnMapping = (ImportField | null)[];

/**
 * Header words per field, compared after `headerKey` (lower case, no spaces or punctuation). Chinese
 * headers are those of common Chinese ERP, CRM and shop exports (淘宝, 京东, 有赞 order exports, Excel
 * address books); the first matching field in the list order wins, so the specific words come first.
 */
const SYNONYMS: Record<ImportKind, [ImportField, string[]][]> = {
  contacts: [
    ['familyName', ['familyname', 'lastname', 'surname', '姓', '姓氏']],
    ['givenName', ['givenname', 'firstname', 'forename', '名']],
    [
      'displayName',
      [
        'name',
        'fullname',
        'displayname',
        'contact',
        'contactname',
        'customer',
        'customername',
        '姓名',
        '名字',
        '客户',
        '客户名称',
        '客户姓名',
        '联系人',
        '称呼',
        '名称',
      ],
    ],
    [
      'email',
      ['email', 'emailaddress', 'mail', 'e-mail', '邮箱', '电子邮件', '电子邮箱', '邮件', '邮件地址'],
    ],
    ['mobile', ['mobile', 'mobilephone', 'cell', 'cellphone', '手机', '手机号', '手机号码', '移动电话']],
    [
      'phone',
      [
        'phone',
        'telephone',
        'tel',
        'phonenumber',
        'workphone',
        '电话',
        '电话号码',
        '联系电话',
        '座机',
        '办公电话',
      ],
    ],
    [
      'company',
      [
        'company',
        'organization',
        'organisation',
        'org',
        'companyname',
        'employer',
        'account',
        '公司',
        '公司名称',
        '单位',
        '企业',
        '工作单位',
        '机构',
      ],
    ],
    ['title', ['title', 'jobtitle', 'position', 'role', '职位', '职务', '头衔', '岗位']],
    [
      'street',
      ['street', 'address', 'streetaddress', 'address1', '地址', '详细地址', '街道', '通讯地址', '收货地址'],
    ],
    ['city', ['city', 'town', '城市', '市', '所在城市']],
    ['region', ['region', 'state', 'province', 'county', '省份', '省', '地区', '州', '所在省份']],
    ['postalCode', ['postalcode', 'postcode', 'zip', 'zipcode', '邮编', '邮政编码']],
    ['country', ['country', 'countrycode', 'nation', '国家', '国家地区', '国家或地区']],
    ['birthday', ['birthday', 'birthdate', 'dateofbirth', 'dob', 'born', '生日', '出生日期', '出生年月日']],
    ['gender', ['gender', 'sex', '性别']],
    [
      'tags',
      ['tags', 'tag', 'labels', 'label', 'groups', 'group', 'category', '标签', '分组', '分类', '客户标签'],
    ],
    [
      'preferences',
      [
        'preferences',
        'preference',
        'notes',
        'note',
        'comments',
        'remark',
        'remarks',
        '偏好',
        '喜好',
        '备注',
        '说明',
      ],
    ],
  ],
  purchases: [
    [
      'customerEmail',
      ['email', 'customeremail', 'buyeremail', 'mail', '邮箱', '客户邮箱', '买家邮箱', '电子邮件'],
    ],
    [
      'customerPhone',
      [
        'phone',
        'mobile',
        'tel',
        'telephone',
        'customerphone',
        'buyerphone',
        '手机',
        '电话',
        '手机号',
        '联系电话',
        '客户电话',
        '买家手机',
        '收货人手机',
      ],
    ],
    [
      'customerName',
      [
        'customer',
        'customername',
        'name',
        'buyer',
        'buyername',
        'client',
        'billingname',
        '客户',
        '客户名称',
        '客户姓名',
        '姓名',
        '买家',
        '买家姓名',
        '收货人',
        '会员',
        '会员名',
      ],
    ],
    [
      'orderId',
      [
        'orderid',
        'order',
        'ordernumber',
        'orderno',
        'invoice',
        'invoiceno',
        'invoicenumber',
        '订单号',
        '订单编号',
        '单号',
        '订单',
        '发票号',
      ],
    ],
    [
      'product',
      [
        'product',
        'productname',
        'item',
        'itemname',
        'sku',
        'description',
        'lineitemname',
        '商品',
        '商品名称',
        '产品',
        '产品名称',
        '品名',
        '宝贝标题',
        '货品',
      ],
    ],
    ['quantity', ['quantity', 'qty', 'count', 'units', 'lineitemquantity', '数量', '购买数量', '件数']],
    ['unitPrice', ['unitprice', 'price', 'lineitemprice', '单价', '价格']],
    [
      'amount',
      [
        'amount',
        'total',
        'totalamount',
        'revenue',
        'sales',
        'value',
        'subtotal',
        'linetotal',
        'ordertotal',
        'orderamount',
        'totalprice',
        '金额',
        '总金额',
        '总价',
        '实付金额',
        '订单金额',
        '销售额',
        '实收金额',
        '合计',
      ],
    ],
    ['currency', ['currency', 'currencycode', '币种', '货币']],
    [
      'date',
      [
        'date',
        'orderdate',
        'purchasedate',
        'createdat',
        'paidat',
        'time',
        'datetime',
        '日期',
        '下单时间',
        '订单日期',
        '购买日期',
        '付款时间',
        '成交时间',
        '时间',
      ],
    ],
    ['channel', ['channel', 'store', 'shop', 'source', 'platform', '渠道', '店铺', '平台', '来源']],
  ],
};

/** A header folded for comparison: NFKC, lower case, without spaces, punctuation and brackets. */
export function headerKey(header: string): string {
  return header
    .normalize('NFKC')
    .toLowerCase()
    .replace(/[\s_\-./:：()（）[\]【】*#]/g, '');
}

const NAME_FIELDS: ReadonlySet<ImportField> = new Set([
  'displayName',
  'familyName',
  'givenName',
  'customerName',
]);

/**
 * A longer header that contains a known word ("客户手机号", "Customer Email Address"): the field of
 * the longest contained word, a field other than a name first ("Customer Email" is an email, not a name).
 */
function containedField(
  table: [ImportField, string[]][],
  key: string,
  used: ReadonlySet<ImportField>,
): ImportField | null {
  let best: { field: ImportField; score: number } | null = null;
  for (const [field, words] of table) {
    if (used.has(field)) continue;
    for (const word of words) {
      if (word.length < 2 || !key.includes(word)) continue;
      const score = word.length + (NAME_FIELDS.has(field) ? 0 : 1000);
      if (!best || score > best.score) best = { field, score };
    }
  }
  return best?.field ?? null;
}

/**
 * Guesses the target field of each column from its header (English or Chinese), each field at most
 * once: the first column that names a field gets it. Unknown headers map to null.
 * @example guessMapping(['姓名', '手机', 'E-Mail', 'Notes?'], 'contacts') // ['displayName', 'mobile', 'email', null]
 */
export function guessMapping(headers: readonly string[], kind: ImportKind): ColumnMapping {
  const table = SYNONYMS[kind];
  const used = new Set<ImportField>();
  return headers.map((header) => {
    const key = headerKey(header);
    if (!key) return null;
    const field =
      table.find(([f, words]) => !used.has(f) && words.includes(key))?.[0] ??
      containedField(table, key, used);
    if (!field) return null;
    used.add(field);
    return field;
  });
}

/** The fields of a kind, in the order the mapping table offers them. */
export function fieldsOf(kind: ImportKind): readonly ImportField[] {
  return kind === 'contacts' ? CONTACT_FIELDS : PURCHASE_FIELDS;
}

/**
 * What a mapping is missing to import anything: contacts need a name, an email or a phone; purchases
 * need a product or an amount, and a customer column to match by.
 */
export function missingFields(mapping: ColumnMapping, kind: ImportKind): string[] {
  const has = (...fields: ImportField[]) => fields.some((f) => mapping.includes(f));
  if (kind === 'contacts')
    return has('displayName', 'familyName', 'givenName', 'email', 'phone', 'mobile') ? [] : ['displayName'];
  const missing: string[] = [];
  if (!has('customerEmail', 'customerPhone', 'customerName')) missing.push('customerName');
  if (!has('amount', 'unitPrice')) missing.push('amount');
  if (!has('date')) missing.push('date');
  return missing;
}
