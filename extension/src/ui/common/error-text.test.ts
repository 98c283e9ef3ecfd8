import { parseRecord, ValidationError } from '@keepcard/shared';
import { describe, expect, test } from 'vitest';
import { createI18n } from '../../i18n';
import { errorLines, validationReason } from './error-text';

/** The issues a schema gives for `input` (the texts the UI must translate come from the schemas themselves). */
function issuesOf(table: Parameters<typeof parseRecord>[0], input: unknown): Map<string, string> {
  try {
    parseRecord(table, input);
  } catch (e) {
    if (e instanceof ValidationError) return new Map(e.issues.map((i) => [i.field, i.reason]));
    throw e;
  }
  throw new Error(`${table}: the input was accepted`);
}

const many = <T>(count: number, item: (i: number) => T) => Array.from({ length: count }, (_, i) => item(i));

describe('validation reasons in the UI language', () => {
  const contact = issuesOf('contacts', {
    displayName: 'Wang Fang',
    tags: many(101, (i) => `tag${i}`),
    emails: many(51, (i) => ({ address: `c${i}@example.com`, label: 'work' })),
    phones: many(51, (i) => ({ number: `+86138001380${String(i).padStart(2, '0')}`, label: 'mobile' })),
    urls: many(51, (i) => `https://example.com/${i}`),
    preferences: { text: '', tags: many(101, (i) => `p${i}`) },
    assigneeId: '  ',
    source: { kind: 'manual' },
  });
  const task = issuesOf('tasks', { kind: 'lunch', title: 'Call back', dueAt: 0 });

  test('the schemas give the texts this table translates', () => {
    expect(contact.get('tags')).toBe('must have at most 100 tags');
    expect(contact.get('preferences.tags')).toBe('must have at most 100 tags');
    expect(contact.get('emails')).toBe('must have at most 50 emails');
    expect(contact.get('phones')).toBe('must have at most 50 phones');
    expect(contact.get('urls')).toBe('must have at most 50 items');
    expect(contact.get('assigneeId')).toBe('must name a user');
    expect(task.get('kind')).toBe("must be one of 'follow-up', 'care-birthday', 'care-holiday', 'other'");
  });

  const zh = createI18n('zh-CN');
  const en = createI18n('en');

  test.each([
    ['must have at most 100 tags', '最多 100 个标签', 'must have at most 100 tags'],
    ['must have at most 7 tags', '最多 7 个标签', 'must have at most 7 tags'],
    ['must have at most 50 emails', '最多 50 个邮箱地址', 'must have at most 50 email addresses'],
    ['must have at most 50 phones', '最多 50 个电话号码', 'must have at most 50 phone numbers'],
    ['must have at most 50 items', '最多 50 项', 'must have at most 50 entries'],
    ['must name a user', '必须指定一位用户', 'must name a user'],
    [
      "must be one of 'email', 'call', 'meeting'",
      "必须是以下之一：'email', 'call', 'meeting'",
      "must be one of 'email', 'call', 'meeting'",
    ],
  ])('%s → %s', (reason, chinese, english) => {
    expect(validationReason(reason, zh)).toBe(chinese);
    expect(validationReason(reason, en)).toBe(english);
  });

  test('a refused contact reads in Chinese, field by field', () => {
    const error = new ValidationError(
      'contacts',
      [...contact].map(([field, reason]) => ({ field, reason })),
    );
    const lines = new Map(errorLines(error, zh).map((l) => [l.field, l.text]));
    expect(lines.get('tags')).toBe('标签：最多 100 个标签');
    expect(lines.get('emails')).toBe('邮箱：最多 50 个邮箱地址');
    expect(lines.get('phones')).toBe('电话：最多 50 个电话号码');
    expect(lines.get('assigneeId')).toBe('负责人：必须指定一位用户');
  });

  test('a reason the table does not know stays as written', () => {
    expect(validationReason('must be a prime number', zh)).toBe('must be a prime number');
  });
});
