import { describe, expect, test } from 'vitest';
import { reason } from './reasons';

describe('reason', () => {
  test('a text given as a function is written when first read, once, and reads like a plain one', () => {
    let writes = 0;
    const r = reason('churn.recency', { days: 140 }, () => {
      writes++;
      return 'No purchase for 140 days.';
    });
    expect(writes).toBe(0);
    expect(r.text).toBe('No purchase for 140 days.');
    expect(r.text).toBe('No purchase for 140 days.');
    expect(writes).toBe(1);
    expect(JSON.parse(JSON.stringify(r))).toEqual(reason('churn.recency', { days: 140 }, r.text));
    expect({ ...r }).toEqual({ code: 'churn.recency', params: { days: 140 }, text: r.text });
  });
});
