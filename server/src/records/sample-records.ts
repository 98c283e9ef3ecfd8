// Valid rows for tests, built from the shared helpers so they follow the schemas as those change.
import { type ContactInput, newRecordBase, type PurchaseInput } from '@keepcard/shared';

const NOW = 1_767_225_600_000; // 2026-01-01T00:00:00Z: fixed, so tests never read the clock.
const actor = { userId: 'user-1', teamId: 'team-1' };

// newRecordBase types schemaVersion as number, while the schemas want the literal SCHEMA_VERSION.
const base = () => newRecordBase(actor, NOW);

export function sampleContact(overrides: Partial<ContactInput> = {}): ContactInput {
  return {
    ...base(),
    displayName: '王伟',
    emails: [{ address: 'Wang.Wei@Example.CN', label: 'work' }],
    source: { kind: 'manual' },
    ...overrides,
  };
}

export function samplePurchase(contactId: string, overrides: Partial<PurchaseInput> = {}): PurchaseInput {
  return {
    ...base(),
    contactId,
    occurredAt: NOW,
    product: '铁观音 500g',
    amountMinor: 999_999_999_999_999,
    currency: 'cny',
    ...overrides,
  };
}
