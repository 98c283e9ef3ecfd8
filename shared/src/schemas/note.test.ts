import { describe, expect, test } from 'vitest';
import { ids, rowOf } from './sample-rows';
import { parseRecord, ValidationError } from './validation';

const note = (changes: Record<string, unknown>) => parseRecord('notes', rowOf('notes', changes));

function messageOf(changes: Record<string, unknown>): string {
  try {
    note(changes);
  } catch (error) {
    expect(error).toBeInstanceOf(ValidationError);
    return (error as ValidationError).message;
  }
  throw new Error('expected the note to be refused');
}

describe('Note: valid records', () => {
  test.each<[string, Record<string, unknown>, Record<string, unknown>]>([
    [
      'on a contact, company defaulted',
      { contactId: ids.contact },
      { contactId: ids.contact, companyId: null },
    ],
    [
      'on a company, contact defaulted',
      { contactId: undefined, companyId: ids.company },
      { contactId: null, companyId: ids.company },
    ],
    [
      'on both',
      { contactId: ids.contact, companyId: ids.company },
      { contactId: ids.contact, companyId: ids.company },
    ],
    ['text trimmed', { text: '  下周三拜访  ' }, { text: '下周三拜访' }],
    ['20 000 characters', { text: '记'.repeat(20_000) }, { text: '记'.repeat(20_000) }],
    [
      'with its source page and email',
      { sourceUrl: 'https://mail.qq.com/cgi-bin/frame_html', emailMessageId: '<abc@mail.qq.com>' },
      { sourceUrl: 'https://mail.qq.com/cgi-bin/frame_html', emailMessageId: '<abc@mail.qq.com>' },
    ],
  ])('%s', (_, changes, expected) => {
    expect(note(changes)).toMatchObject(expected);
  });
});

describe('Note: refused records', () => {
  test.each<[string, Record<string, unknown>, string]>([
    [
      'on neither contact nor company',
      { contactId: undefined },
      'contactId must belong to a contact or a company',
    ],
    [
      'with both links null',
      { contactId: null, companyId: null },
      'contactId must belong to a contact or a company',
    ],
    ['a blank text', { text: ' ' }, 'text must not be empty'],
    [
      'a blank text on nothing (both reasons)',
      { text: '', contactId: null },
      'text must not be empty; contactId must belong to a contact or a company',
    ],
    ['a missing text', { text: undefined }, 'text is required'],
    ['text too long', { text: 'x'.repeat(20_001) }, 'text must be at most 20000 characters'],
    ['a v4 contact id', { contactId: ids.v4 }, 'contactId must be a UUIDv7 id'],
    [
      'a javascript: source url',
      { sourceUrl: 'javascript:void(0)' },
      'sourceUrl must be an http:// or https:// url',
    ],
    ['a data: source url', { sourceUrl: 'data:,hello' }, 'sourceUrl must be an http:// or https:// url'],
  ])('%s', (_, changes, reason) => {
    expect(messageOf(changes)).toBe(`Invalid notes: ${reason}`);
  });
});
