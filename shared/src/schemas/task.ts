import { z } from 'zod';
import { baseRecordShape, recordId, requiredText, timestamp } from './common';

export const Recurrence = z.object({
  every: z.number().int().min(1, { error: 'must be at least 1' }).max(1000),
  unit: z.enum(['day', 'week', 'month', 'year']),
});

export const Task = z.object({
  ...baseRecordShape,
  kind: z.enum(['follow-up', 'care-birthday', 'care-holiday', 'other']),
  title: requiredText(300),
  dueAt: timestamp,
  doneAt: timestamp.nullable().default(null),
  contactId: recordId.nullable().default(null),
  recurrence: Recurrence.nullable().default(null),
});
export type Task = z.infer<typeof Task>;
export type TaskInput = z.input<typeof Task>;
