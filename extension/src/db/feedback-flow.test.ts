import { ValidationError } from '@keepcard/shared';
import { beforeEach, describe, expect, test } from 'vitest';
import { refitAll, rescore } from '../scoring/scoring-engine';
import { addPurchase, recordFeedback, reopenFeedback, resolveFeedback } from './activity-repo';
import type { KeepcardDB } from './db';
import { feedbackDataOf } from './queries/upkeep-queries';
import { createRecord, historyOf, type WriteContext } from './records-repo';
import { readScores } from './scores-repo';
import { freshDb } from './test-db';

const DAY = 86_400_000;
let db: KeepcardDB;
let ctx: WriteContext;
let contactId: string;

beforeEach(async () => {
  ({ db, ctx } = freshDb(Date.UTC(2026, 10, 22, 8)));
  contactId = (await createRecord('contacts', { displayName: '王芳', source: { kind: 'manual' } }, ctx)).id;
});

const churnCodes = async () => {
  const risk = (await readScores(db, contactId))!.detail.churnRisk;
  return [...risk.reasons, ...risk.moreReasons].map((r) => r.code);
};

describe('complaint handling', () => {
  test('an open complaint is a churn-warning reason; resolving removes it, reopening brings it back', async () => {
    for (const d of [300, 200, 100, 10])
      await addPurchase(
        contactId,
        { product: '龙井', quantity: 1, amountMinor: 50_000, currency: 'CNY', occurredAt: ctx.now - d * DAY },
        ctx,
      );
    const complaint = await recordFeedback(
      contactId,
      {
        kind: 'complaint',
        severity: 'high',
        category: '物流',
        text: '到货晚了',
        occurredAt: ctx.now - 3 * DAY,
      },
      ctx,
    );
    await refitAll(db, ctx.now);
    expect(await churnCodes()).toContain('churn.open-complaints');

    const later = { ...ctx, now: ctx.now + DAY };
    await resolveFeedback(complaint.id, '已补发并致歉', later);
    await rescore(db, [contactId], later.now);
    expect(await churnCodes()).not.toContain('churn.open-complaints');

    await reopenFeedback(complaint.id, { ...later, now: later.now + DAY });
    await rescore(db, [contactId], later.now + DAY);
    expect(await churnCodes()).toContain('churn.open-complaints');
  });

  test('resolve stores the resolution and time; reopen clears them from the row, the history keeps them', async () => {
    const complaint = await recordFeedback(
      contactId,
      { kind: 'complaint', severity: 'medium', category: '质量', occurredAt: ctx.now - DAY },
      ctx,
    );
    const t1 = ctx.now + 1000;
    await resolveFeedback(complaint.id, 'Replaced the broken tin', { ...ctx, now: t1 });
    expect(await db.feedback.get(complaint.id)).toMatchObject({
      status: 'resolved',
      resolution: 'Replaced the broken tin',
      resolvedAt: t1,
    });
    await reopenFeedback(complaint.id, { ...ctx, now: t1 + 1000 });
    const row = await db.feedback.get(complaint.id);
    expect(row).toMatchObject({ status: 'open', resolvedAt: null });
    expect(row?.resolution).toBeUndefined();
    const history = await historyOf('feedback', complaint.id, db);
    expect(history.find((h) => h.field === 'resolution')).toMatchObject({
      oldValue: JSON.stringify('Replaced the broken tin'),
      newValue: 'null',
    });
    const data = await feedbackDataOf(contactId, ctx.now, db);
    expect(data.items[0]?.history.length).toBeGreaterThan(0);
  });

  test('a resolution must not be empty (the field is named); severity only on complaints', async () => {
    const complaint = await recordFeedback(contactId, { kind: 'complaint', occurredAt: ctx.now }, ctx);
    expect(() => resolveFeedback(complaint.id, '   ', ctx)).toThrow(
      'Invalid feedback: resolution must not be empty',
    );
    await expect(
      recordFeedback(contactId, { kind: 'praise', severity: 'low', occurredAt: ctx.now }, ctx),
    ).rejects.toBeInstanceOf(ValidationError);
    expect((await db.feedback.get(complaint.id))?.status).toBe('open');
  });

  test('the card data: open complaints first, then newest; latest CSAT and NPS answers', async () => {
    await recordFeedback(contactId, { kind: 'praise', text: '服务很好', occurredAt: ctx.now - DAY }, ctx);
    const old = await recordFeedback(contactId, { kind: 'complaint', occurredAt: ctx.now - 9 * DAY }, ctx);
    await recordFeedback(contactId, { kind: 'suggestion', occurredAt: ctx.now - 2 * DAY }, ctx);
    await recordFeedback(
      contactId,
      { kind: 'survey', scale: 'nps', score: 9, occurredAt: ctx.now - 5 * DAY },
      ctx,
    );
    await recordFeedback(
      contactId,
      { kind: 'survey', scale: 'nps', score: 4, occurredAt: ctx.now - DAY },
      ctx,
    );
    await recordFeedback(
      contactId,
      { kind: 'survey', scale: 'csat', score: 5, occurredAt: ctx.now - 3 * DAY },
      ctx,
    );
    const data = await feedbackDataOf(contactId, ctx.now, db);
    expect(data.items.map((i) => i.row.kind)).toEqual(['complaint', 'praise', 'suggestion']);
    expect(data.items[0]?.row.id).toBe(old.id);
    expect(data.answers).toEqual({
      nps: { score: 4, at: ctx.now - DAY },
      csat: { score: 5, at: ctx.now - 3 * DAY },
    });
    expect(data.surveys).toHaveLength(3);
  });
});
