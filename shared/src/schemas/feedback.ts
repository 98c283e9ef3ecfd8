import { z } from 'zod';
import { baseRecordShape, recordId, shortText, timestamp } from './common';

/** How bad a complaint is: what the rep handles first. */
export const FeedbackSeverity = z.enum(['low', 'medium', 'high', 'critical']);
export type FeedbackSeverity = z.infer<typeof FeedbackSeverity>;
export const FEEDBACK_SEVERITIES = FeedbackSeverity.options;

/**
 * Complaints, praise, suggestions and survey answers. A score is CSAT (1-5) or NPS (0-10),
 * named by `scale`, so the two are never mixed up in statistics.
 *
 * `severity` and `resolvedAt` came after the first rows were stored (same schemaVersion): both are
 * optional, so rows without them stay valid on every device and on the server. The card asks for a
 * severity on every new complaint; only complaints may carry one.
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
    severity: FeedbackSeverity.optional(),
    /** When the complaint was last resolved; null once it is reopened. */
    resolvedAt: timestamp.nullable().optional(),
  })
  .superRefine((f, ctx) => {
    if (f.severity !== undefined && f.kind !== 'complaint') {
      ctx.addIssue({ code: 'custom', path: ['severity'], message: 'is only for complaints' });
    }
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
