import type { NewRecord } from '../../extension/src/db/records-repo';

/** A small deterministic PRNG (mulberry32), so every run writes the same book of customers. */
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

const FAMILY_ZH = ['王', '李', '张', '刘', '陈', '杨', '黄', '赵', '吴', '周', '欧阳', '司马'];
const GIVEN_ZH = ['伟', '芳', '娜', '敏', '静', '小明', '建国', '丽华', '志强', '晓燕', '婷婷', '军'];
const GIVEN_EN = ['Anna', 'John', 'Maria', 'David', 'Sophie', 'Liam', 'Emma', 'Lucas', 'Olivia', 'Noah'];
const FAMILY_EN = ['Smith', 'Schmidt', 'Garcia', 'Müller', 'Martin', 'Rossi', 'Brown', 'Dubois', 'Lopez'];
const CITIES: [string, string, string][] = [
  ['CN', '浙江', '杭州'],
  ['CN', '广东', '深圳'],
  ['CN', '北京', '北京'],
  ['CN', '上海', '上海'],
  ['US', 'CA', 'San Francisco'],
  ['DE', 'Berlin', 'Berlin'],
  ['FR', 'Île-de-France', 'Paris'],
];
const TAGS = ['vip', 'wholesale', 'retail', 'tea', 'porcelain', 'silk', 'referral', 'trade-fair'];

/** `count` realistic contacts (60% Chinese, 40% Western), as a capture or import would hand them over. */
export function generateContacts(count: number, seed = 42): NewRecord<'contacts'>[] {
  const rand = prng(seed);
  const pick = <T>(list: readonly T[]): T => list[Math.floor(rand() * list.length)]!;
  return Array.from({ length: count }, (_, i) => {
    const chinese = rand() < 0.6;
    const family = chinese ? pick(FAMILY_ZH) : pick(FAMILY_EN);
    const given = chinese ? pick(GIVEN_ZH) : pick(GIVEN_EN);
    const [country, region, city] = pick(CITIES);
    const mobile = chinese
      ? `+86138${String(10_000_000 + i).slice(-8)}`
      : `+1415555${String(i % 10_000).padStart(4, '0')}`;
    return {
      displayName: chinese ? `${family}${given}` : `${given} ${family}`,
      givenName: given,
      familyName: family,
      title: pick(['采购经理', 'Buyer', 'CEO', '总经理', 'Sales Director', undefined]),
      emails: [{ address: `customer${i}@example${i % 97}.com`, label: 'work' as const }],
      phones: [{ number: mobile, raw: mobile, label: 'mobile' as const }],
      address: { country, region, city },
      tags: [pick(TAGS), pick(TAGS)],
      source: { kind: 'import' as const, importFile: 'bench.csv' },
    };
  });
}
