import { z } from 'zod';
import { baseRecordShape, recordId, shortText, timestamp } from './common';

export const InteractionKind = z.enum(['email', 'call', 'meeting', 'visit', 'message']);

export const Interaction = z.object({
  ...baseRecordShape,
  contactId: recordId,
  kind: InteractionKind,
  direction: z.enum(['inbound', 'outbound']),
  occurredAt: timestamp,
  subject: shortText(500).optional(),
  summary: shortText(20_000).optional(),
  emailMessageId: shortText(500).optional(),
});
export type Interaction = z.infer<typeof Interaction>;
export type InteractionInput = z.input<typeof Interaction>;
