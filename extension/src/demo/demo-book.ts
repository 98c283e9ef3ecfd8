// A deterministic sample book of customers for a newcomer: Chinese and Western customers at real-sounding
// companies, two years of purchases in CNY, USD and EUR, notes, calls, complaints, praise, survey
// answers and follow-ups. The same seed and `now` always give the same book. Every e-mail domain is a
// reserved example domain (RFC 2606) and every US number is in the fictional 555-01xx range.
import type { NewRecord } from '../db/records-repo';
import { addUpkeepRecords } from './demo-upkeep';

/** mulberry32: a small, fast, deterministic PRNG. */
export function prng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const DAY = 86_400_000;

interface CompanySeed {
  name: string;
  domain: string;
  industry: string;
  country: string;
  region: string;
  city: string;
  currency: 'CNY' | 'USD' | 'EUR';
  products: [string, number][];
}

const COMPANIES: CompanySeed[] = [
  {
    name: '杭州西湖龙井茶业有限公司',
    domain: 'xihu-tea.example.cn',
    industry: '茶叶',
    country: 'CN',
    region: '浙江',
    city: '杭州',
    currency: 'CNY',
    products: [
      ['明前龙井 500g', 168000],
      ['礼盒装龙井', 88000],
      ['茶具套装', 42000],
    ],
  },
  {
    name: '深圳华强电子贸易有限公司',
    domain: 'huaqiang.example.cn',
    industry: '电子',
    country: 'CN',
    region: '广东',
    city: '深圳',
    currency: 'CNY',
    products: [
      ['定制茶礼 (企业)', 560000],
      ['青花瓷杯 x12', 36000],
    ],
  },
  {
    name: '上海东方丝绸进出口公司',
    domain: 'dongfang-silk.example.cn',
    industry: '纺织',
    country: 'CN',
    region: '上海',
    city: '上海',
    currency: 'CNY',
    products: [
      ['真丝围巾', 68000],
      ['丝绸样品册', 12000],
      ['真丝面料 50m', 950000],
    ],
  },
  {
    name: '北京京华商贸有限公司',
    domain: 'jinghua.example.cn',
    industry: '零售',
    country: 'CN',
    region: '北京',
    city: '北京',
    currency: 'CNY',
    products: [
      ['白茶饼 357g', 52000],
      ['普洱熟茶', 39000],
    ],
  },
  {
    name: '景德镇青花陶瓷厂',
    domain: 'jdz-porcelain.example.cn',
    industry: '陶瓷',
    country: 'CN',
    region: '江西',
    city: '景德镇',
    currency: 'CNY',
    products: [
      ['青花瓷茶具', 128000],
      ['瓷器礼品', 66000],
    ],
  },
  {
    name: '成都蜀锦文化有限公司',
    domain: 'shujin.example.cn',
    industry: '文化',
    country: 'CN',
    region: '四川',
    city: '成都',
    currency: 'CNY',
    products: [
      ['蜀锦挂画', 230000],
      ['文创礼盒', 24000],
    ],
  },
  {
    name: 'Harbor Tea Importers Inc.',
    domain: 'harbortea.example.com',
    industry: 'Import',
    country: 'US',
    region: 'CA',
    city: 'San Francisco',
    currency: 'USD',
    products: [
      ['Longjing green tea, 10 kg', 185000],
      ['Tea sampler box', 4500],
    ],
  },
  {
    name: 'Brown & Co. Fine Goods',
    domain: 'brownco.example.com',
    industry: 'Retail',
    country: 'US',
    region: 'NY',
    city: 'New York',
    currency: 'USD',
    products: [
      ['Porcelain tea set', 32000],
      ['Silk scarf', 8900],
    ],
  },
  {
    name: 'Müller Teehaus GmbH',
    domain: 'mueller-teehaus.example.org',
    industry: 'Retail',
    country: 'DE',
    region: 'Berlin',
    city: 'Berlin',
    currency: 'EUR',
    products: [
      ['Oolong 1 kg', 9800],
      ['Teeservice Porzellan', 24000],
    ],
  },
  {
    name: 'Maison Dubois SARL',
    domain: 'maison-dubois.example.org',
    industry: 'Interior',
    country: 'FR',
    region: 'Île-de-France',
    city: 'Paris',
    currency: 'EUR',
    products: [
      ['Soie naturelle 20 m', 160000],
      ['Vase en porcelaine', 18500],
    ],
  },
  {
    name: 'Rossi Importazioni S.p.A.',
    domain: 'rossi-import.example.net',
    industry: 'Import',
    country: 'IT',
    region: 'Lombardia',
    city: 'Milano',
    currency: 'EUR',
    products: [
      ['Container tea order', 820000],
      ['Sample kit', 2500],
    ],
  },
];

const ZH_PEOPLE: [string, string, 'female' | 'male'][] = [
  ['王', '芳', 'female'],
  ['李', '建国', 'male'],
  ['张', '伟', 'male'],
  ['刘', '丽华', 'female'],
  ['陈', '志强', 'male'],
  ['杨', '晓燕', 'female'],
  ['黄', '明', 'male'],
  ['赵', '婷婷', 'female'],
  ['吴', '军', 'male'],
  ['周', '敏', 'female'],
  ['欧阳', '娜娜', 'female'],
  ['孙', '磊', 'male'],
  ['徐', '静', 'female'],
  ['朱', '海涛', 'male'],
  ['胡', '雪', 'female'],
  ['郭', '斌', 'male'],
  ['何', '佳怡', 'female'],
  ['林', '峰', 'male'],
  ['高', '红', 'female'],
  ['罗', '强', 'male'],
  ['司马', '文', 'male'],
  ['梁', '琳', 'female'],
  ['宋', '涛', 'male'],
  ['郑', '洁', 'female'],
];
const WEST_PEOPLE: [string, string, 'female' | 'male'][] = [
  ['Emily', 'Carter', 'female'],
  ['James', 'Brown', 'male'],
  ['Sophie', 'Müller', 'female'],
  ['Lukas', 'Schmidt', 'male'],
  ['Camille', 'Dubois', 'female'],
  ['Antoine', 'Martin', 'male'],
  ['Giulia', 'Rossi', 'female'],
  ['Marco', 'Bianchi', 'male'],
  ['Olivia', 'Garcia', 'female'],
  ['Noah', 'Wilson', 'male'],
  ['Hannah', 'Weber', 'female'],
  ['Liam', 'Taylor', 'male'],
  ['Chloé', 'Laurent', 'female'],
  ['Daniel', 'Fischer', 'male'],
];
const ZH_TITLES = ['采购经理', '总经理', '店长', '采购总监', '行政主管', '市场经理'];
const EN_TITLES = [
  'Purchasing Manager',
  'CEO',
  'Store Owner',
  'Head of Buying',
  'Office Manager',
  'Category Manager',
];
const ZH_TAGS = ['vip', '批发', '零售', '茶叶', '瓷器', '丝绸', '转介绍', '展会'];
const EN_TAGS = ['vip', 'wholesale', 'retail', 'tea', 'porcelain', 'silk', 'referral', 'trade-fair'];
const ZH_PREFS = [
  '喜欢明前龙井，春茶上市第一时间通知。',
  '偏好微信沟通，下午联系。',
  '对包装要求高，礼盒需烫金。',
  '不喝红茶；关注价格。',
  '中秋节前需要企业礼品方案。',
];
const EN_PREFS = [
  'Prefers e-mail, never calls before 10am.',
  'Likes first-flush green teas; price sensitive.',
  'Needs invoices in EUR with VAT number.',
  'Interested in porcelain for hotel clients.',
  'Orders before Christmas every year.',
];
const ZH_NOTES = [
  '电话沟通了新一季报价，客户考虑增加订单。',
  '到店拜访，客户反馈包装破损问题已解决。',
  '客户询问中秋礼盒定制，下周发方案。',
  '介绍了新品白茶，客户很感兴趣。',
  '客户说最近资金紧张，暂缓下单。',
];
const EN_NOTES = [
  'Discussed next season prices; considering a larger order.',
  'Visited the shop: display looks great, wants more tea sets.',
  'Asked for samples of the new white tea.',
  'Budget freeze until next quarter.',
  'Met at the Frankfurt trade fair, very keen on silk.',
];
const ZH_COMPLAINTS: [string, string][] = [
  ['物流', '到货晚了一周，影响了门店活动。'],
  ['质量', '一批茶叶受潮，要求退换。'],
  ['包装', '礼盒外包装有压痕。'],
];
const EN_COMPLAINTS: [string, string][] = [
  ['shipping', 'Delivery arrived ten days late.'],
  ['quality', 'Two cups in the set were chipped.'],
  ['billing', 'Invoice amount did not match the quote.'],
];

type Profile = 'core' | 'regular' | 'occasional' | 'lapsed' | 'new' | 'prospect';
const PROFILES: Profile[] = [
  'core',
  'regular',
  'regular',
  'occasional',
  'occasional',
  'lapsed',
  'new',
  'prospect',
];

/** A record of the book, with references to other records by their index in the book. */
export interface DemoBook {
  companies: NewRecord<'companies'>[];
  /** `company` is the index of the contact's company in `companies`. */
  contacts: { company: number; input: Omit<NewRecord<'contacts'>, 'companyId'> }[];
  /** `contact` is the index of the record's contact in `contacts`. */
  /** `at`: when the note was written (notes carry no date of their own: their creation time is it). */
  notes: { contact: number; at: number; input: Omit<NewRecord<'notes'>, 'contactId'> }[];
  interactions: { contact: number; input: Omit<NewRecord<'interactions'>, 'contactId'> }[];
  purchases: { contact: number; input: Omit<NewRecord<'purchases'>, 'contactId'> }[];
  feedback: { contact: number; input: Omit<NewRecord<'feedback'>, 'contactId'> }[];
  tasks: { contact: number; input: Omit<NewRecord<'tasks'>, 'contactId'> }[];
  loyalty: { contact: number; input: Omit<NewRecord<'loyalty'>, 'contactId'> }[];
  /** `referrer` referred `contact` (both indexes in `contacts`). */
  referrals: { contact: number; referrer: number }[];
}

/**
 * The sample book as of `now`: purchases reach two years back, follow-ups a few weeks either side.
 * @example demoBook(Date.now()).contacts.length // 38
 */
export function demoBook(now: number, seed = 20240601): DemoBook {
  const rand = prng(seed);
  const pick = <T>(list: readonly T[]): T => list[Math.floor(rand() * list.length)]!;
  const int = (lo: number, hi: number) => lo + Math.floor(rand() * (hi - lo + 1));
  const book: DemoBook = {
    companies: [],
    contacts: [],
    notes: [],
    interactions: [],
    purchases: [],
    feedback: [],
    tasks: [],
    loyalty: [],
    referrals: [],
  };
  for (const c of COMPANIES) {
    book.companies.push({
      name: c.name,
      domain: c.domain,
      industry: c.industry,
      address: { country: c.country, region: c.region, city: c.city },
      tags: ['demo'],
    });
  }
  const people = [
    ...ZH_PEOPLE.map((p) => ({ p, chinese: true })),
    ...WEST_PEOPLE.map((p) => ({ p, chinese: false })),
  ];
  const chineseCompanies = COMPANIES.map((c, i) => ({ c, i })).filter(({ c }) => c.country === 'CN');
  const westernCompanies = COMPANIES.map((c, i) => ({ c, i })).filter(({ c }) => c.country !== 'CN');
  people.forEach(({ p: [first, second, gender], chinese }, n) => {
    const { c: company, i: companyIndex } = chinese ? pick(chineseCompanies) : pick(westernCompanies);
    const displayName = chinese ? `${first}${second}` : `${first} ${second}`;
    const local = chinese
      ? `demo.zh${n}`
      : `${first}.${second}`
          .toLowerCase()
          .normalize('NFD')
          .replace(/[^a-z.]/g, '');
    const year = int(1962, 2000);
    const birthday = `${year}-${String(int(1, 12)).padStart(2, '0')}-${String(int(1, 28)).padStart(2, '0')}`;
    const phone =
      company.country === 'CN'
        ? `+86138${String(10_000_000 + n * 7919).slice(-8)}`
        : company.country === 'US'
          ? `+1415555${String(100 + (n % 100)).padStart(4, '0')}`
          : company.country === 'DE'
            ? `+4930${String(1_000_000 + n * 313).slice(-7)}`
            : company.country === 'FR'
              ? `+331${String(40_000_000 + n * 17).slice(-8)}`
              : `+3902${String(10_000_000 + n * 19).slice(-8)}`;
    const tags = chinese ? [pick(ZH_TAGS), pick(ZH_TAGS)] : [pick(EN_TAGS), pick(EN_TAGS)];
    const profile = n === 0 || n === 24 ? 'core' : pick(PROFILES);
    if (profile === 'core') tags.push('vip');
    book.contacts.push({
      company: companyIndex,
      input: {
        displayName,
        ...(chinese ? { familyName: first, givenName: second } : { givenName: first, familyName: second }),
        gender,
        birthday: rand() < 0.85 ? birthday : undefined,
        title: chinese ? pick(ZH_TITLES) : pick(EN_TITLES),
        emails: [{ address: `${local}@${company.domain}`, label: 'work' }],
        phones: [{ number: phone, raw: phone, label: 'mobile' }],
        address: { country: company.country, region: company.region, city: company.city },
        tags,
        preferences: {
          text: chinese ? pick(ZH_PREFS) : pick(EN_PREFS),
          tags: chinese ? [pick(ZH_TAGS)] : [pick(EN_TAGS)],
        },
        source: { kind: 'demo' },
      },
    });
    const contact = book.contacts.length - 1;

    // Purchases: how often and until when depends on the profile.
    const gapDays = { core: 21, regular: 45, occasional: 110, lapsed: 40, new: 0, prospect: 0 }[profile];
    const stopDaysAgo = profile === 'lapsed' ? int(220, 330) : 0;
    const purchaseTimes: number[] = [];
    if (profile === 'new') purchaseTimes.push(now - int(5, 40) * DAY);
    else if (profile !== 'prospect') {
      let t = now - 730 * DAY + int(0, 60) * DAY;
      while (t < now - stopDaysAgo * DAY) {
        purchaseTimes.push(t);
        t += Math.max(3, gapDays * (0.5 + rand())) * DAY;
      }
    }
    for (const at of purchaseTimes) {
      const [product, price] = pick(company.products);
      const quantity = profile === 'core' ? int(1, 4) : 1;
      book.purchases.push({
        contact,
        input: {
          product,
          quantity,
          amountMinor: Math.round(price * quantity * (0.9 + rand() * 0.2)),
          currency: company.currency,
          occurredAt: Math.round(at),
          channel: pick(chinese ? ['门店', '微信', '展会'] : ['web shop', 'email order', 'trade fair']),
        },
      });
    }
    if (purchaseTimes.length > 3 && rand() < 0.15) {
      const [product, price] = pick(company.products);
      book.purchases.push({
        contact,
        input: {
          product,
          quantity: 1,
          amountMinor: -price,
          currency: company.currency,
          occurredAt: Math.round(purchaseTimes[1]! + 3 * DAY),
        },
      });
    }

    // Notes and interactions.
    for (let k = int(1, 3); k > 0; k--) {
      book.notes.push({
        contact,
        at: now - int(1, 400) * DAY - int(0, 600) * 60_000,
        input: { text: chinese ? pick(ZH_NOTES) : pick(EN_NOTES) },
      });
    }
    const lastTouch = profile === 'lapsed' ? stopDaysAgo : int(2, 60);
    for (let k = int(1, 5); k > 0; k--) {
      book.interactions.push({
        contact,
        input: {
          kind: pick(['call', 'meeting', 'visit', 'email', 'call'] as const),
          direction: rand() < 0.7 ? 'outbound' : 'inbound',
          occurredAt: now - (lastTouch + k * int(10, 50)) * DAY,
          subject: chinese
            ? pick(['报价', '新品介绍', '售后回访', '节日问候'])
            : pick(['Quote', 'New products', 'After-sales call', 'Season greetings']),
        },
      });
    }

    // Complaints, praise and satisfaction answers.
    if (rand() < 0.3 && profile !== 'prospect') {
      const [category, text] = chinese ? pick(ZH_COMPLAINTS) : pick(EN_COMPLAINTS);
      const open = profile === 'lapsed' || rand() < 0.4;
      book.feedback.push({
        contact,
        input: {
          kind: 'complaint',
          occurredAt: now - int(10, 200) * DAY,
          category,
          text,
          status: open ? 'open' : 'resolved',
          ...(open ? {} : { resolution: chinese ? '已补发并致歉。' : 'Replaced the goods and apologised.' }),
        },
      });
    }
    if (rand() < 0.2 && profile !== 'prospect') {
      book.feedback.push({
        contact,
        input: {
          kind: 'praise',
          occurredAt: now - int(5, 300) * DAY,
          text: chinese ? '茶叶品质很好，客人都喜欢。' : 'Customers love the new tea sets!',
        },
      });
    }
    if (rand() < 0.45 && profile !== 'prospect') {
      const nps = rand() < 0.5;
      book.feedback.push({
        contact,
        input: {
          kind: 'survey',
          occurredAt: now - int(5, 180) * DAY,
          scale: nps ? 'nps' : 'csat',
          score: nps
            ? profile === 'lapsed'
              ? int(2, 6)
              : int(6, 10)
            : profile === 'lapsed'
              ? int(1, 3)
              : int(3, 5),
        },
      });
    }

    // Follow-ups: some overdue, most upcoming; birthday care for some.
    if (profile !== 'prospect' || rand() < 0.5) {
      const due = now + int(-20, 30) * DAY;
      book.tasks.push({
        contact,
        input: {
          kind: 'follow-up',
          title: chinese ? `回访${displayName}` : `Check in with ${first} about the next order`,
          dueAt: due,
        },
      });
    }
    if (rand() < 0.2) {
      book.tasks.push({
        contact,
        input: {
          kind: 'care-birthday',
          title: chinese ? `${displayName}生日问候` : `Birthday wishes for ${first}`,
          dueAt: now + int(1, 25) * DAY,
        },
      });
    }
  });
  // Its own generator: the records above stay exactly as they were for the same seed.
  addUpkeepRecords(book, now, prng(seed ^ 0x5eed_f00d));
  return book;
}
