import { type ContactDraft, checkContactDraft, type RecordSource } from '@keepcard/shared';
import { describe, expect, test } from 'vitest';
import { draftFromForm, formFromDraft } from './DraftEditor';

const base: ContactDraft & { source: RecordSource } = {
  displayName: '王小明',
  givenName: '小明',
  familyName: '王',
  title: '销售总监',
  emails: [{ address: 'wang@example.cn', label: 'home' }],
  phones: [{ number: '+8613800138000', raw: '138 0013 8000', label: 'mobile' }],
  urls: [],
  address: { city: '杭州', street: '西湖路 1 号' },
  source: { kind: 'email', emailMessageId: 'gmail:1' },
};

describe('draft form', () => {
  test('round trip: an untouched form gives the draft back, labels and split name kept', () => {
    expect(draftFromForm(formFromDraft(base), base, 'CN')).toEqual(base);
  });

  test.each<[string, Partial<ReturnType<typeof formFromDraft>>, Partial<ContactDraft>]>([
    [
      'a new name is split again',
      { displayName: 'Anna Müller' },
      { givenName: 'Anna', familyName: 'Müller' },
    ],
    ['an emptied title is left out', { title: '  ' }, { title: undefined }],
    [
      'a phone typed anew is normalised with the region',
      { phones: '138 0013 8000\n010 6552 9988' },
      {
        phones: [
          { number: '+8613800138000', raw: '138 0013 8000', label: 'mobile' },
          { number: '+861065529988', raw: '010 6552 9988', label: 'work' },
        ],
      },
    ],
    ['an emptied street keeps the city', { street: '' }, { address: { city: '杭州' } }],
  ])('%s', (_name, edit, expected) => {
    const draft = draftFromForm({ ...formFromDraft(base), ...edit }, base, 'CN');
    for (const [k, v] of Object.entries(expected)) expect(draft[k as keyof ContactDraft]).toEqual(v);
  });

  test('what the rep types wrong is named by the schemas', () => {
    const draft = draftFromForm(
      { ...formFromDraft(base), displayName: ' ', emails: 'wang@example.cn\nnope' },
      base,
      'CN',
    );
    expect(checkContactDraft(draft)).toEqual([
      { field: 'displayName', reason: 'must not be empty' },
      { field: 'emails[1].address', reason: 'must be a valid email address' },
    ]);
  });
});
