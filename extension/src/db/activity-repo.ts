// The card's quick actions: each one validated write through the records repository, for one contact.
import { type Feedback, type Interaction, type Purchase, type Task, ValidationError } from '@keepcard/shared';
import { companyIdFor } from './contacts-repo';
import type { ContactRow, KeepcardDB } from './db';
import { getDb } from './db';
import { followUpTables, moveNextFollowUp } from './follow-up-repo';
import {
  createRecord,
  createRecords,
  type NewRecord,
  updateRecord,
  type WriteContext,
  writeTables,
} from './records-repo';

export function addNote(contactId: string, text: string, ctx: WriteContext) {
  return createRecord('notes', { contactId, text }, ctx);
}

export interface InteractionInput {
  kind: Interaction['kind'];
  direction: Interaction['direction'];
  occurredAt: number;
  subject?: string;
  summary?: string;
}

/** Runs a write and moves the contact's next follow-up, in one transaction (follow-up-repo.ts). */
function touching<R>(
  contactId: string,
  touchedAt: number,
  ctx: WriteContext,
  write: (inner: WriteContext & { db: KeepcardDB }) => Promise<R>,
): Promise<R> {
  const db = ctx.db ?? getDb();
  const inner = { ...ctx, db };
  return db.transaction('rw', followUpTables(db), async () => {
    const result = await write(inner);
    await moveNextFollowUp(contactId, touchedAt, inner);
    return result;
  });
}

/** Logs a call, meeting, visit, email…; the next follow-up moves to after it (定期回访). */
export function logInteraction(contactId: string, input: InteractionInput, ctx: WriteContext) {
  return touching(contactId, input.occurredAt, ctx, (inner) =>
    createRecord('interactions', { contactId, ...input }, inner),
  );
}

export interface PurchaseInput {
  product: string;
  quantity: number;
  amountMinor: number;
  currency: string;
  occurredAt: number;
  channel?: string;
}

/** Records a purchase; the next follow-up moves to after it. */
export function addPurchase(contactId: string, input: PurchaseInput, ctx: WriteContext): Promise<Purchase> {
  return touching(contactId, input.occurredAt, ctx, (inner) =>
    createRecord('purchases', { contactId, ...input }, inner),
  );
}

export function scheduleFollowUp(
  contactId: string,
  input: { title: string; dueAt: number; kind?: Task['kind'] },
  ctx: WriteContext,
) {
  return createRecord(
    'tasks',
    { contactId, kind: input.kind ?? 'follow-up', title: input.title, dueAt: input.dueAt },
    ctx,
  );
}

/**
 * Marks a task done. Completing a customer's follow-up schedules their next one per the cadence of
 * their tier, in the same transaction.
 */
export async function completeTask(taskId: string, ctx: WriteContext) {
  const db = ctx.db ?? getDb();
  const inner = { ...ctx, db };
  return db.transaction('rw', followUpTables(db), async () => {
    const task = await updateRecord('tasks', taskId, { doneAt: ctx.now }, inner);
    if (task.kind === 'follow-up' && task.contactId) await moveNextFollowUp(task.contactId, ctx.now, inner);
    return task;
  });
}

/** Moves a task's due time (a snooze from the card or a notification). */
export function postponeTask(taskId: string, dueAt: number, ctx: WriteContext) {
  return updateRecord('tasks', taskId, { dueAt }, ctx);
}

/**
 * Marks a birthday or holiday care reminder done for one customer: a done care task at the reminder's
 * due time, which the reminder calculation reads (shared due-reminders.ts `careKey`), on every device.
 */
export function completeCare(contactId: string, care: CareDone, ctx: WriteContext) {
  return createRecord('tasks', { contactId, ...care, doneAt: ctx.now }, ctx);
}

export interface CareDone {
  kind: 'care-birthday' | 'care-holiday';
  title: string;
  dueAt: number;
}

/** Care done for several customers at once (a holiday greeted from its notification): all or none. */
export function completeCareForAll(contactIds: readonly string[], care: CareDone, ctx: WriteContext) {
  return createRecords(
    'tasks',
    contactIds.map((contactId) => ({ contactId, ...care, doneAt: ctx.now })),
    ctx,
  );
}

export interface FeedbackInput {
  kind: Feedback['kind'];
  occurredAt: number;
  category?: string;
  text?: string;
  scale?: Feedback['scale'];
  score?: number;
  /** Complaints only. */
  severity?: Feedback['severity'];
}

/** A complaint, praise, suggestion or survey answer (CSAT 1-5 or NPS 0-10). Complaints start open. */
export function recordFeedback(contactId: string, input: FeedbackInput, ctx: WriteContext) {
  return createRecord('feedback', { contactId, ...input }, ctx);
}

/**
 * Resolves a complaint with what was done about it (正确处理顾客投诉). An open complaint is a
 * churn-warning reason until this runs. The replaced status and any earlier resolution go to the
 * history of the feedback row, so a reopened and re-resolved complaint keeps every step.
 * @throws ValidationError naming `resolution` when it is empty.
 */
export function resolveFeedback(feedbackId: string, resolution: string, ctx: WriteContext) {
  if (!resolution.trim())
    throw new ValidationError('feedback', [{ field: 'resolution', reason: 'must not be empty' }]);
  return updateRecord('feedback', feedbackId, { status: 'resolved', resolution, resolvedAt: ctx.now }, ctx);
}

/**
 * Reopens a resolved complaint (the customer came back about it): open again, a churn-warning reason
 * again. The resolution is cleared from the row; the history keeps it.
 */
export function reopenFeedback(feedbackId: string, ctx: WriteContext) {
  return updateRecord(
    'feedback',
    feedbackId,
    { status: 'open', resolution: undefined, resolvedAt: null },
    ctx,
  );
}

/**
 * Marks the customer lost with the reason the rep gives (流失原因). Stored on the contact's `lost`
 * field, which scoring reads: the lifecycle stage becomes "lost" with this reason.
 */
export function markLost(contactId: string, reason: string, ctx: WriteContext): Promise<ContactRow> {
  return updateRecord('contacts', contactId, { lost: { at: ctx.now, reason } }, ctx);
}

/** Takes back a "lost" mark: the customer is scored from their history again. */
export function reopenCustomer(contactId: string, ctx: WriteContext): Promise<ContactRow> {
  return updateRecord('contacts', contactId, { lost: null }, ctx);
}

/** Fields a rep edits on the card; `companyName` is matched to (or creates) a company. */
export type ContactEdit = Partial<NewRecord<'contacts'>> & { companyName?: string };

/**
 * Applies a rep's edit, validated by the contact schema: a ValidationError names each bad field.
 * Company and contact change in one transaction.
 */
export async function editContact(
  contactId: string,
  edit: ContactEdit,
  ctx: WriteContext,
): Promise<ContactRow> {
  const db = ctx.db ?? getDb();
  const inner = { ...ctx, db };
  return db.transaction('rw', writeTables(db), async () => {
    const { companyName, ...patch } = edit;
    const update: Partial<NewRecord<'contacts'>> = { ...patch };
    if (companyName !== undefined) {
      const name = companyName.trim();
      update.companyId = name ? await companyIdFor(name, inner) : null;
    }
    return updateRecord('contacts', contactId, update, inner);
  });
}
