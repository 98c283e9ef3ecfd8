import { z } from 'zod';
import { baseRecordShape, recordId, requiredText, shortText, webUrl } from './common';

export const Note = z
  .object({
    ...baseRecordShape,
    text: requiredText(20_000),
    contactId: recordId.nullable().default(null),
    companyId: recordId.nullable().default(null),
    sourceUrl: webUrl.optional(),
    emailMessageId: shortText(500).optional(),
  })
  .refine((n) => n.contactId !== null || n.companyId !== null, {
    error: 'must belong to a contact or a company',
    path: ['contactId'],
  });
export type Note = z.infer<typeof Note>;
export type NoteInput = z.input<typeof Note>;
