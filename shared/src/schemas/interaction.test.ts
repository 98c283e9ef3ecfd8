import { describe, expect, test } from 'vitest';
import { ids, NOW, rowOf } from './sample-rows';
import { parseRecord, ValidationError } from './validation';

const interaction = (changes: Record<string, unknown>) =>
  parseRecord('interactions', rowOf('interactions', changes));

function messageOf(changes: Record<string, unknown>): string {
  try {
    interaction(changes);
  } catch (error) {
    expect(error).toBeInstanceOf(ValidationError);
    return (error as ValidationError).message;
  }
  throw new Error('expected the interaction to be refused');
}

describe('Interaction: valid records', () => {
  test.each(['email', 'call', 'meeting', 'visit', 'message'])('kind %s', (kind) => {
    expect(interaction({ kind })).toMatchObject({ kind });
  });

  test.each<[string, Record<string, unknown>, Record<string, unknown>]>([
    ['inbound', { direction: 'inbound' }, { direction: 'inbound' }],
    ['at the epoch', { occurredAt: 0 }, { occurredAt: 0 }],
    [
      'an email with subject and summary trimmed',
      { kind: 'email', subject: ' 报价单 ', summary: ' 已发送报价 ', emailMessageId: '<1@qq.com>' },
      { subject: '报价单', summary: '已发送报价', emailMessageId: '<1@qq.com>' },
    ],
  ])('%s', (_, changes, expected) => {
    expect(interaction(changes)).toMatchObject(expected);
  });
});

describe('Interaction: refused records', () => {
  test.each<[string, Record<string, unknown>, string]>([
    ['a missing contact', { contactId: undefined }, 'contactId is required'],
    ['a null contact', { contactId: null }, 'contactId must be a UUIDv7 id'],
    ['a v4 contact id', { contactId: ids.v4 }, 'contactId must be a UUIDv7 id'],
    [
      'an unknown kind',
      { kind: 'fax' },
      "kind must be one of 'email', 'call', 'meeting', 'visit', 'message'",
    ],
    ['a missing kind', { kind: undefined }, 'kind is required'],
    ['an unknown direction', { direction: 'both' }, "direction must be 'inbound' or 'outbound'"],
    ['a missing time', { occurredAt: undefined }, 'occurredAt is required'],
    [
      'a time in seconds as text',
      { occurredAt: String(NOW / 1000) },
      'occurredAt must be a time in epoch milliseconds',
    ],
    ['a fractional time', { occurredAt: NOW + 0.5 }, 'occurredAt must be a whole number of milliseconds'],
    ['a subject too long', { subject: 's'.repeat(501) }, 'subject must be at most 500 characters'],
  ])('%s', (_, changes, reason) => {
    expect(messageOf(changes)).toBe(`Invalid interactions: ${reason}`);
  });
});
