import { z } from 'zod';
import { baseRecordShape, recordId, shortText, timestamp } from './common';

/**
 * Complaints, praise, suggestions and survey answers. A score is CSAT (1-5) or NPS (0-10),
 * named by `scale`, so the two are never mixed up in statistics.
 */
export const Feedback = z
  .object({
    ...baseRecordShape,
    contactId: recordId,
    kind: z.enum(['complaint', 'praise', 'suggestion', 'survey']),
    occurredAt: timestamp,
    scale: z.enum(['csat', 'nps']).optional(),
    score: z.number().int({ error: 'must be a whole number' }).optional(),
    category: shortText(100).optional(),
    text: shortText(20_000).optional(),
    status: z.enum(['open', 'resolved']).default('open'),
    resolution: shortText(20_000).optional(),
  })
  .superRefine((f, ctx) => {
    if (f.score === undefined) return;
    if (!f.scale) {
      ctx.addIssue({
        code: 'custom',
        path: ['scale'],
        message: "must be 'csat' or 'nps' when a score is given",
      });
    } else if (f.scale === 'csat' && (f.score < 1 || f.score > 5)) {
      ctx.addIssue({ code: 'custom', path: ['score'], message: 'must be from 1 to 5 for a CSAT answer' });
    } else if (f.scale === 'nps' && (f.score < 0 || f.score > 10)) {
      ctx.addIssue({ code: 'custom', path: ['score'], message: 'must be from 0 to 10 for an NPS answer' });
    }
  });
export type Feedback = z.infer<typeof Feedback>;
export type FeedbackInput = z.input<typeof Feedback>;
