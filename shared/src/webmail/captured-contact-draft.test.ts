import { describe, expect, test } from 'vitest';
import type { CapturedContact } from '../capture/captured-contact';
import { normalizePhone } from '../phone';
import { draftFromCapturedContact, mergeDraftLists, type SourcedDraft } from './captured-contact-draft';

const captured = (over: Partial<CapturedContact>): CapturedContact => ({
  kind: 'person',
  emails: [],
  phones: [],
  urls: [],
  vcardUrls: [],
  source: { url: 'https://acme.cn/team' },
  fieldSources: {},
  alternates: {},
  ...over,
});
const email = (address: string) => ({ address, label: 'work' as const });

describe('draftFromCapturedContact', () => {
  test.each<[string, Partial<CapturedContact>, Partial<SourcedDraft> | null]>([
    [
      'a person with title, organisation and address parts',
      {
        name: '王小明',
        title: '销售总监',
        organization: '杭州茶叶贸易有限公司',
        emails: [email('wang@acme.cn')],
        address: { street: '建国路88号', city: '北京', country: 'CN' },
      },
      {
        displayName: '王小明',
        familyName: '王',
        givenName: '小明',
        title: '销售总监',
        organization: '杭州茶叶贸易有限公司',
        address: { street: '建国路88号', city: '北京', country: 'CN' },
      },
    ],
    [
      'a country written out stays in the street line (the schema keeps ISO codes only)',
      { name: 'Anna', emails: [email('anna@acme.de')], address: { city: 'Berlin', country: 'Deutschland' } },
      { address: { city: 'Berlin', street: 'Deutschland' } },
    ],
    [
      'an address given as one text',
      { name: 'Anna', emails: [email('anna@acme.de')], address: { text: '1 Main St, Springfield' } },
      { address: { street: '1 Main St, Springfield' } },
    ],
    ['no name: the email is the name', { emails: [email('info@acme.cn')] }, { displayName: 'info@acme.cn' }],
    [
      'an organisation with an email is kept, named after itself',
      { kind: 'organization', organization: 'Acme', emails: [email('info@acme.cn')] },
      { displayName: 'Acme', organization: undefined },
    ],
    [
      'an organisation without email or phone is not a contact',
      { kind: 'organization', organization: 'Acme' },
      null,
    ],
    ['nothing at all', {}, null],
  ])('%s', (_name, over, expected) => {
    const draft = draftFromCapturedContact(captured(over), { now: 7 });
    if (expected === null) return expect(draft).toBeNull();
    const present = Object.fromEntries(Object.entries(expected).filter(([, v]) => v !== undefined));
    expect(draft).toMatchObject({
      ...present,
      source: { kind: 'page', url: 'https://acme.cn/team', capturedAt: 7 },
    });
    for (const [k, v] of Object.entries(expected)) if (v === undefined) expect(draft).not.toHaveProperty(k);
  });
});

describe('mergeDraftLists', () => {
  const source = { kind: 'page' as const };
  const d = (over: Partial<SourcedDraft>): SourcedDraft => ({
    displayName: 'x',
    emails: [],
    phones: [],
    urls: [],
    source,
    ...over,
  });
  const annaPhone = normalizePhone('030 1234567', 'DE');

  test.each<[string, SourcedDraft[], SourcedDraft[], Partial<SourcedDraft>[]]>([
    [
      'same email: the primary keeps its name, gains the title and the phone',
      [d({ displayName: 'Evil Name', emails: [email('evil@example.com')] })],
      [d({ displayName: 'us', title: 'Support', emails: [email('evil@example.com')], phones: [annaPhone] })],
      [{ displayName: 'Evil Name', title: 'Support', phones: [annaPhone] }],
    ],
    [
      'no email of its own, same phone: joins the primary',
      [d({ displayName: 'Anna Schmidt', emails: [email('anna@example.de')], phones: [annaPhone] })],
      [d({ displayName: '030 1234567', phones: [annaPhone] })],
      [{ displayName: 'Anna Schmidt' }],
    ],
    [
      'another email and the same switchboard phone: another person',
      [d({ displayName: 'Anna', emails: [email('anna@example.de')], phones: [annaPhone] })],
      [d({ displayName: 'Bernd', emails: [email('bernd@example.de')], phones: [annaPhone] })],
      [{ displayName: 'Anna' }, { displayName: 'Bernd' }],
    ],
    [
      'nobody in common: appended',
      [d({ displayName: 'A', emails: [email('a@x.de')] })],
      [d({ displayName: 'B', emails: [email('b@x.de')] })],
      [{ displayName: 'A' }, { displayName: 'B' }],
    ],
  ])('%s', (_name, primary, secondary, expected) => {
    const merged = mergeDraftLists(primary, secondary);
    expect(merged).toHaveLength(expected.length);
    for (const [i, e] of expected.entries()) expect(merged[i]).toMatchObject(e);
  });
});
