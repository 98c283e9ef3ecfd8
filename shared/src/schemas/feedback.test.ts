import { describe, expect, test } from 'vitest';
import { NOW, rowOf } from './sample-rows';
import { parseRecord, ValidationError } from './validation';

const feedback = (changes: Record<string, unknown>) => parseRecord('feedback', rowOf('feedback', changes));

function messageOf(changes: Record<string, unknown>): string {
  try {
    feedback(changes);
  } catch (error) {
    expect(error).toBeInstanceOf(ValidationError);
    return (error as ValidationError).message;
  }
  throw new Error('expected the feedback to be refused');
}

describe('Feedback: scores at every threshold', () => {
  test.each<['csat' | 'nps', number, string | null]>([
    ['csat', 0, 'score must be from 1 to 5 for a CSAT answer'],
    ['csat', 1, null],
    ['csat', 3, null],
    ['csat', 5, null],
    ['csat', 6, 'score must be from 1 to 5 for a CSAT answer'],
    ['csat', 10, 'score must be from 1 to 5 for a CSAT answer'],
    ['nps', -1, 'score must be from 0 to 10 for an NPS answer'],
    ['nps', 0, null],
    ['nps', 6, null],
    ['nps', 10, null],
    ['nps', 11, 'score must be from 0 to 10 for an NPS answer'],
  ])('%s score %i', (scale, score, reason) => {
    if (reason === null) expect(feedback({ scale, score })).toMatchObject({ scale, score });
    else expect(messageOf({ scale, score })).toBe(`Invalid feedback: ${reason}`);
  });
});

describe('Feedback: valid records', () => {
  test.each<[string, Record<string, unknown>, Record<string, unknown>]>([
    ['no score, status defaults to open', {}, { kind: 'survey', status: 'open' }],
    ['a scale without a score (unanswered survey)', { scale: 'nps' }, { scale: 'nps' }],
    [
      'a resolved complaint',
      { kind: 'complaint', category: '物流', text: '发货太慢', status: 'resolved', resolution: '已补发' },
      { kind: 'complaint', category: '物流', text: '发货太慢', status: 'resolved', resolution: '已补发' },
    ],
    ['praise', { kind: 'praise', text: ' 服务很好 ' }, { kind: 'praise', text: '服务很好' }],
    [
      'a complaint with a severity, resolved at a time',
      { kind: 'complaint', severity: 'critical', status: 'resolved', resolution: '退款', resolvedAt: NOW },
      { kind: 'complaint', severity: 'critical', status: 'resolved', resolvedAt: NOW },
    ],
    [
      'a reopened complaint (resolvedAt cleared)',
      { kind: 'complaint', resolvedAt: null },
      { resolvedAt: null },
    ],
  ])('%s', (_, changes, expected) => {
    expect(feedback(changes)).toMatchObject(expected);
  });
});

describe('Feedback: refused records', () => {
  test.each<[string, Record<string, unknown>, string]>([
    ['a score without a scale', { score: 4 }, "scale must be 'csat' or 'nps' when a score is given"],
    ['an unknown scale', { scale: 'ces', score: 4 }, "scale must be 'csat' or 'nps'"],
    ['a fractional score', { scale: 'nps', score: 7.5 }, 'score must be a whole number'],
    ['a score as text', { scale: 'csat', score: '5' }, 'score must be a number'],
    ['an unknown kind', { kind: 'bug' }, "kind must be one of 'complaint', 'praise', 'suggestion', 'survey'"],
    ['an unknown status', { status: 'closed' }, "status must be 'open' or 'resolved'"],
    [
      'an unknown severity',
      { kind: 'complaint', severity: 'urgent' },
      "severity must be one of 'low', 'medium', 'high', 'critical'",
    ],
    ['a severity on praise', { kind: 'praise', severity: 'high' }, 'severity is only for complaints'],
    [
      'a resolution time as text',
      { kind: 'complaint', resolvedAt: '2024-06-01' },
      'resolvedAt must be a time in epoch milliseconds',
    ],
    ['a missing time', { occurredAt: undefined }, 'occurredAt is required'],
    // The score rule is checked only once the fields themselves are valid (zod skips an object's
    // refinements while its fields have issues), so this row names the contact alone.
    [
      'a missing contact and a CSAT score of 6',
      { contactId: undefined, scale: 'csat', score: 6 },
      'contactId is required',
    ],
  ])('%s', (_, changes, reason) => {
    expect(messageOf(changes)).toBe(`Invalid feedback: ${reason}`);
  });
});

describe('Feedback: rows stored before severity and resolvedAt existed', () => {
  test('an old complaint row without them is still valid and gains no fields', () => {
    const old = rowOf('feedback', { kind: 'complaint', status: 'resolved', resolution: '已补发' });
    const parsed = parseRecord('feedback', old);
    expect(parsed).not.toHaveProperty('severity');
    expect(parsed).not.toHaveProperty('resolvedAt');
    expect(parsed.schemaVersion).toBe(1);
  });
});
