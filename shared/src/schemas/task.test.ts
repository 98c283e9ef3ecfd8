import { describe, expect, test } from 'vitest';
import { ids, NOW, rowOf } from './sample-rows';
import { parseRecord, ValidationError } from './validation';

const task = (changes: Record<string, unknown>) => parseRecord('tasks', rowOf('tasks', changes));

function messageOf(changes: Record<string, unknown>): string {
  try {
    task(changes);
  } catch (error) {
    expect(error).toBeInstanceOf(ValidationError);
    return (error as ValidationError).message;
  }
  throw new Error('expected the task to be refused');
}

describe('Task: valid records', () => {
  test.each<[string, Record<string, unknown>, Record<string, unknown>]>([
    ['defaults', {}, { doneAt: null, contactId: null, recurrence: null }],
    [
      'a yearly birthday greeting for a contact',
      {
        kind: 'care-birthday',
        title: '王小明生日祝福',
        contactId: ids.contact,
        recurrence: { every: 1, unit: 'year' },
      },
      { kind: 'care-birthday', contactId: ids.contact, recurrence: { every: 1, unit: 'year' } },
    ],
    ['a holiday greeting', { kind: 'care-holiday', title: '中秋节问候' }, { kind: 'care-holiday' }],
    ['done', { doneAt: NOW + 1 }, { doneAt: NOW + 1 }],
    [
      'every 1000 days',
      { recurrence: { every: 1000, unit: 'day' } },
      { recurrence: { every: 1000, unit: 'day' } },
    ],
    ['title trimmed', { title: ' 回访 ' }, { title: '回访' }],
  ])('%s', (_, changes, expected) => {
    expect(task(changes)).toMatchObject(expected);
  });
});

describe('Task: refused records', () => {
  test.each<[string, Record<string, unknown>, string]>([
    ['recurrence every 0', { recurrence: { every: 0, unit: 'week' } }, 'recurrence.every must be at least 1'],
    [
      'recurrence every 1.5',
      { recurrence: { every: 1.5, unit: 'week' } },
      'recurrence.every must be a whole number',
    ],
    [
      'recurrence every 1001',
      { recurrence: { every: 1001, unit: 'day' } },
      'recurrence.every must be at most 1000',
    ],
    [
      'an unknown recurrence unit',
      { recurrence: { every: 2, unit: 'fortnight' } },
      "recurrence.unit must be one of 'day', 'week', 'month', 'year'",
    ],
    ['a recurrence without its unit', { recurrence: { every: 2 } }, 'recurrence.unit is required'],
    ['a missing due time', { dueAt: undefined }, 'dueAt is required'],
    ['a due date as text', { dueAt: '2024-06-01' }, 'dueAt must be a time in epoch milliseconds'],
    ['a due time before 1970', { dueAt: -86_400_000 }, 'dueAt must not be before 1970'],
    ['a blank title', { title: '' }, 'title must not be empty'],
    ['a title too long', { title: 't'.repeat(301) }, 'title must be at most 300 characters'],
    [
      'an unknown kind',
      { kind: 'call' },
      "kind must be one of 'follow-up', 'care-birthday', 'care-holiday', 'other'",
    ],
    ['a v4 contact id', { contactId: ids.v4 }, 'contactId must be a UUIDv7 id'],
  ])('%s', (_, changes, reason) => {
    expect(messageOf(changes)).toBe(`Invalid tasks: ${reason}`);
  });
});
