import { describe, expect, test } from 'vitest';
import { normalizePhone } from '../phone';
import type { ContactDraft, ContactIdentity } from './contact-identity';
import { mergeContact, resolveConflicts } from './contact-merge';

const existing: ContactIdentity = {
  id: 'c1',
  displayName: 'Anna Schmidt',
  title: 'Buyer',
  emails: [{ address: 'anna@example.de', label: 'work' }],
  phones: [normalizePhone('+49 30 1234567', 'DE')],
  urls: ['https://example.de/anna'],
  tags: ['vip'],
  address: { city: 'Berlin' },
};

const draft: ContactDraft = {
  displayName: 'Dr. Anna Schmidt',
  title: 'Head of Purchasing',
  organization: 'Example GmbH',
  emails: [
    { address: 'ANNA@example.de', label: 'work' },
    { address: 'anna@home.de', label: 'home' },
  ],
  phones: [normalizePhone('030 1234567', 'DE'), normalizePhone('+49 171 2345678', 'DE', 'mobile')],
  urls: ['https://example.de/anna', 'https://linkedin.com/in/anna'],
  tags: ['VIP', 'trade-fair'],
  address: { city: 'Munich', country: 'DE' },
};

describe('mergeContact', () => {
  const merge = mergeContact(existing, draft);

  test('adds every new email, phone, url and tag, keeping the stored ones first', () => {
    expect(merge.patch.emails?.map((e) => e.address)).toEqual(['anna@example.de', 'anna@home.de']);
    expect(merge.patch.phones?.map((p) => p.number)).toEqual(['+49301234567', '+491712345678']);
    expect(merge.patch.urls).toEqual(['https://example.de/anna', 'https://linkedin.com/in/anna']);
    expect(merge.patch.tags).toEqual(['vip', 'trade-fair']);
  });

  test('fills empty fields, and never overwrites a differing value: it becomes a conflict', () => {
    expect(merge.patch.organization).toBe('Example GmbH');
    expect(merge.patch.address).toEqual({ city: 'Berlin', country: 'DE' });
    expect(merge.added.fields).toEqual(['organization', 'address.country']);
    expect(merge.patch.displayName).toBeUndefined();
    expect(merge.conflicts).toEqual([
      { field: 'displayName', current: 'Anna Schmidt', incoming: 'Dr. Anna Schmidt' },
      { field: 'title', current: 'Buyer', incoming: 'Head of Purchasing' },
      { field: 'address.city', current: 'Berlin', incoming: 'Munich' },
    ]);
  });

  test('a capture with nothing new changes nothing', () => {
    const none = mergeContact(existing, {
      displayName: 'anna schmidt',
      emails: existing.emails,
      phones: [],
      urls: [],
    });
    expect(none).toEqual({
      patch: {},
      added: { emails: [], phones: [], urls: [], tags: [], fields: [] },
      conflicts: [],
    });
  });
});

describe('resolveConflicts', () => {
  test.each([
    ['keep everything stored', {}, { title: undefined, city: 'Berlin' }, []],
    [
      'take the new title only',
      { title: 'incoming' as const },
      { title: 'Head of Purchasing', city: 'Berlin' },
      [{ field: 'title', oldValue: 'Buyer', newValue: 'Head of Purchasing' }],
    ],
    [
      'take the new city: the country filled by the merge stays',
      { 'address.city': 'incoming' as const, title: 'current' as const },
      { title: undefined, city: 'Munich' },
      [{ field: 'address.city', oldValue: 'Berlin', newValue: 'Munich' }],
    ],
  ])('%s', (_, choices, expected, replaced) => {
    const result = resolveConflicts(existing, mergeContact(existing, draft), choices);
    expect(result.patch.title).toBe(expected.title);
    expect(result.patch.address?.city ?? existing.address?.city).toBe(expected.city);
    expect(result.patch.address?.country).toBe('DE');
    expect(result.replaced).toEqual(replaced);
  });
});
