// Valid sample rows for every table, shared by the schema tests. Ids are fixed UUIDv7 values (version
// nibble 7, variant 8) rather than newId(), so expected records and messages are stable.
import type { InputOf, TableName } from './tables';

export const NOW = 1_717_200_000_000; // 2024-06-01T00:00:00Z

export const ids = {
  record: '018fd1a0-0000-7000-8000-000000000001',
  contact: '018fd1a0-0000-7000-8000-000000000002',
  company: '018fd1a0-0000-7000-8000-000000000003',
  /** A valid UUID, but version 4: record ids must be v7. */
  v4: '3b241101-e2bb-4255-8caf-4136c566a962',
} as const;

export const baseRow = {
  id: ids.record,
  createdAt: NOW,
  updatedAt: NOW,
  deletedAt: null,
  ownerId: 'user-1',
  teamId: null,
  visibility: 'private',
  schemaVersion: 1,
} as const;

/** The smallest valid row of each table. */
export const sampleRows: { [T in TableName]: InputOf<T> } = {
  contacts: { ...baseRow, displayName: '王小明', source: { kind: 'manual' } },
  companies: { ...baseRow, name: '北京字节跳动科技有限公司' },
  notes: { ...baseRow, text: '客户对报价满意，下周再联系', contactId: ids.contact },
  interactions: { ...baseRow, contactId: ids.contact, kind: 'call', direction: 'outbound', occurredAt: NOW },
  purchases: {
    ...baseRow,
    contactId: ids.contact,
    occurredAt: NOW,
    product: '企业版年费',
    amountMinor: 1_288_00,
    currency: 'CNY',
  },
  feedback: { ...baseRow, contactId: ids.contact, kind: 'survey', occurredAt: NOW },
  tasks: { ...baseRow, kind: 'follow-up', title: '回访王经理', dueAt: NOW },
  loyalty: { ...baseRow, contactId: ids.contact, occurredAt: NOW, points: 200, reason: '年度续约奖励' },
};

/** A row of `table` with some fields replaced; `undefined` removes a field, as if it were missing. */
export function rowOf(table: TableName, changes: Record<string, unknown> = {}): Record<string, unknown> {
  return { ...sampleRows[table], ...changes };
}
