// The relationship-upkeep part of the sample book: complaints (with categories, severities, open and
// resolved), praise, suggestions, NPS and CSAT answers spread over two years (so the NPS-over-time and
// complaint-category charts have data), loyalty points for the regular buyers, and a few referrals.
// Drawn from its own generator after the rest of the book, so the earlier records stay exactly as
// they were for the same seed.
import type { DemoBook } from './demo-book';

const DAY = 86_400_000;

/** Complaint categories as a rep would type them, with a typical complaint and its resolution. */
const ZH_CATEGORIES: [string, string, string][] = [
  ['物流', '快递延误四天，客户活动差点赶不上。', '已协调顺丰加急补发，并赠送小样致歉。'],
  ['质量', '一批茶叶有受潮结块。', '整批退换，已通知仓库检查防潮。'],
  ['价格', '同款产品网店比报价便宜。', '说明渠道价差，已给予本单九五折。'],
  ['服务', '客服两天没有回复询价。', '已致电道歉并指定专人对接。'],
];
const EN_CATEGORIES: [string, string, string][] = [
  ['delivery', 'The parcel arrived a week late.', 'Sent a replacement by express and refunded shipping.'],
  ['quality', 'Several cups in the set were chipped.', 'Replaced the set and asked the warehouse to repack.'],
  [
    'price',
    'Found the same item cheaper in another shop.',
    'Explained the price and gave 5% off this order.',
  ],
  [
    'service',
    'Nobody answered the quote request for three days.',
    'Apologised by phone; a named rep now handles them.',
  ],
];
const SEVERITIES = ['low', 'medium', 'medium', 'high', 'high', 'critical'] as const;

/** Adds feedback, loyalty entries and referral links to a book of contacts and purchases. */
export function addUpkeepRecords(book: DemoBook, now: number, rand: () => number): void {
  const pick = <T>(list: readonly T[]): T => list[Math.floor(rand() * list.length)]!;
  const int = (lo: number, hi: number) => lo + Math.floor(rand() * (hi - lo + 1));

  const purchasesOf = new Map<number, DemoBook['purchases'][number]['input'][]>();
  for (const p of book.purchases) {
    if (p.input.amountMinor < 0) continue;
    const list = purchasesOf.get(p.contact) ?? [];
    list.push(p.input);
    purchasesOf.set(p.contact, list);
  }
  for (const list of purchasesOf.values()) list.sort((a, b) => a.occurredAt - b.occurredAt);

  book.contacts.forEach((c, contact) => {
    const bought = purchasesOf.get(contact) ?? [];
    if (bought.length === 0) return;
    const chinese = /^[\u3400-\u9fff]/.test(c.input.displayName);
    const first = bought[0]!.occurredAt;
    const last = bought[bought.length - 1]!.occurredAt;
    const lapsed = now - last > 150 * DAY;
    const since = (from: number) => from + rand() * (now - from);

    // Survey answers, about one a quarter for two years: NPS mostly, CSAT sometimes.
    for (let quarter = 0; quarter < 8; quarter++) {
      const at = now - (quarter * 91 + int(3, 80)) * DAY;
      if (at < first || rand() > 0.45) continue;
      const unhappy = rand() < (lapsed ? 0.5 : 0.15);
      const nps = rand() < 0.7;
      book.feedback.push({
        contact,
        input: {
          kind: 'survey',
          occurredAt: Math.round(at),
          scale: nps ? 'nps' : 'csat',
          score: nps
            ? unhappy
              ? int(0, 6)
              : rand() < 0.6
                ? int(9, 10)
                : int(7, 8)
            : unhappy
              ? int(1, 2)
              : int(3, 5),
          text: unhappy ? (chinese ? '最近交货不稳定。' : 'Deliveries have been patchy lately.') : undefined,
        },
      });
    }

    // Complaints over two years: older ones mostly resolved, recent ones more often open.
    for (let k = rand() < 0.45 ? int(1, 3) : 0; k > 0; k--) {
      const [category, text, resolution] = pick(chinese ? ZH_CATEGORIES : EN_CATEGORIES);
      const at = Math.round(since(Math.max(first, now - 720 * DAY)));
      const recent = now - at < 45 * DAY;
      const open = rand() < (recent ? 0.6 : lapsed ? 0.35 : 0.1);
      const resolvedAt = Math.min(now, at + int(1, 12) * DAY);
      book.feedback.push({
        contact,
        input: {
          kind: 'complaint',
          occurredAt: at,
          category,
          text,
          severity: pick(SEVERITIES),
          status: open ? 'open' : 'resolved',
          ...(open ? {} : { resolution, resolvedAt }),
        },
      });
    }
    const notes = [
      [
        'praise',
        0.3,
        chinese ? '服务' : 'service',
        chinese ? '客服响应很快，包装也很用心。' : 'Quick answers and lovely packaging, thank you!',
      ],
      [
        'suggestion',
        0.25,
        chinese ? '产品' : 'product',
        chinese ? '希望增加小规格试饮装。' : 'Would love a smaller sampler box.',
      ],
    ] as const;
    for (const [kind, chance, category, text] of notes)
      if (rand() < chance)
        book.feedback.push({
          contact,
          input: { kind, occurredAt: Math.round(since(first)), category, text },
        });

    // Loyalty points for regular buyers: a welcome bonus, points per purchase, now and then a
    // redemption of part of the balance (never more than it).
    if (bought.length < 4) return;
    let balance = 0;
    const entry = (at: number, points: number, reason: string) => {
      balance += points;
      book.loyalty.push({ contact, input: { occurredAt: Math.round(at), points, reason } });
    };
    entry(first + 60_000, 100, chinese ? '新客户欢迎积分' : 'Welcome bonus');
    bought.forEach((p, i) => {
      entry(
        p.occurredAt + 120_000,
        Math.max(10, Math.round(p.amountMinor / 1000)),
        chinese ? `购买：${p.product}` : `Purchase: ${p.product}`,
      );
      if (i % 6 === 5 && balance >= 200) {
        const points = Math.floor((balance * 0.6) / 50) * 50;
        entry(p.occurredAt + 3 * DAY, -points, chinese ? '兑换礼盒' : 'Redeemed: gift box');
      }
    });
  });

  // A few referrals: an established customer brought in someone who started buying later. Referrers
  // are never referred themselves here, so the links cannot form a cycle.
  const established = [...purchasesOf].filter(([, list]) => list.length >= 6).map(([contact]) => contact);
  const referrers = new Set<number>();
  const referred = new Set<number>();
  for (const [contact, list] of purchasesOf) {
    if (book.referrals.length >= 6 || established.length === 0) break;
    if (referrers.has(contact) || rand() > 0.35) continue;
    const candidates = established.filter(
      (r) =>
        r !== contact &&
        !referred.has(r) &&
        purchasesOf.get(r)![0]!.occurredAt < list[0]!.occurredAt - 30 * DAY,
    );
    if (candidates.length === 0) continue;
    const referrer = pick(candidates);
    referrers.add(referrer);
    referred.add(contact);
    book.referrals.push({ contact, referrer });
  }
}
