// @vitest-environment happy-dom
// Dexie's live queries run only where a global indexedDB exists (it checks at load): this must come first.
import 'fake-indexeddb/auto';
import type { CustomerScores } from '@keepcard/shared';
import { cleanup, render, screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, beforeEach, describe, expect, test } from 'vitest';
import { addPurchase, recordFeedback, scheduleFollowUp } from '../../db/activity-repo';
import { type KeepcardDB, setDbForTesting } from '../../db/db';
import { createRecord, type WriteContext } from '../../db/records-repo';
import { freshDb } from '../../db/test-db';
import { createI18n, type Locale } from '../../i18n';
import { I18nContext } from '../i18n-context';
import { ContactCard } from './ContactCard';

let db: KeepcardDB;
let ctx: WriteContext;

beforeEach(async () => {
  ({ db, ctx } = freshDb(Date.now()));
  setDbForTesting(db);
  await db.meta.put({ key: 'actor', value: ctx.actor });
});
afterEach(() => {
  cleanup();
  setDbForTesting(undefined);
});

function renderCard(id: string, locale: Locale = 'en') {
  return render(
    <I18nContext.Provider value={createI18n(locale)}>
      <ContactCard id={id} onBack={() => {}} />
    </I18nContext.Provider>,
  );
}

async function aContact() {
  const company = await createRecord('companies', { name: '杭州西湖茶业有限公司' }, ctx);
  return createRecord(
    'contacts',
    {
      displayName: '王芳',
      title: '采购经理',
      companyId: company.id,
      emails: [{ address: 'wang.fang@example.cn', label: 'work' }],
      phones: [{ number: '+8613800138000', raw: '138 0013 8000', label: 'mobile' }],
      tags: ['vip'],
      preferences: { text: '喜欢明前龙井', tags: ['tea'] },
      source: { kind: 'manual' },
    },
    ctx,
  );
}

/** A score row of the shape the scoring worker writes (only the parts the card reads are filled). */
function scoreRow(contactId: string): {
  contactId: string;
  localRev: number;
  scoredAt: number;
  list: never;
  detail: CustomerScores;
} {
  const r = (code: string, params: Record<string, string | number>, text: string) => ({ code, params, text });
  const detail = {
    contactId,
    scoredAt: ctx.now,
    modelBuiltAt: ctx.now,
    currency: 'CNY',
    valueTier: {
      tier: 'A',
      revenueMinor: 1_234_500,
      currency: 'CNY',
      windowDays: 365,
      reasons: [
        r(
          'tier.a',
          {
            revenueMinor: 1_234_500,
            currency: 'CNY',
            windowDays: 365,
            aPercent: 80,
            bPercent: 95,
            fromMinor: 500_000,
          },
          'en',
        ),
      ],
    },
    rfm: { recency: 5, frequency: 4, monetary: 5, reasons: [] },
    classification: {
      revenueContribution: { label: 'high', reasons: [] },
      frequency: { label: 'high', reasons: [] },
      potential: { label: 'mid', reasons: [] },
      closeness: { label: 'close', reasons: [] },
    },
    lifecycle: {
      stage: 'loyal',
      lostReason: null,
      reasons: [r('lifecycle.loyal', { purchases: 12, tenureDays: 400 }, 'en')],
    },
    churnRisk: {
      level: 'high',
      percent: 72,
      pAlive: 0.3,
      method: 'bg-nbd',
      fallback: false,
      typicalGapDays: 30,
      reasons: [
        r(
          'churn.recency',
          { days: 140, typicalGapDays: 30, purchases: 12, pAlivePercent: 28 },
          'No purchase for 140 days; usually every 30.',
        ),
        r('churn.some-future-code', {}, 'A reason this UI does not know yet.'),
      ],
      allReasons: [],
    },
    lifetimeValue: {
      valueMinor: 880_000,
      undiscountedValueMinor: 900_000,
      currency: 'CNY',
      horizonDays: 365,
      annualDiscountRate: 0.1,
      expectedPurchases: 3.2,
      spendPerPurchaseMinor: 275_000,
      nextPurchaseAt: ctx.now + 10 * 86_400_000,
      method: 'bg-nbd',
      reasons: [],
    },
    reasons: [],
  } as unknown as CustomerScores;
  return { contactId, localRev: 1, scoredAt: ctx.now, list: {} as never, detail };
}

describe('ContactCard', () => {
  test('shows who, how to reach them, and "not scored yet" before the worker scored them', async () => {
    const contact = await aContact();
    renderCard(contact.id);
    const card = await screen.findByTestId('contact-card');
    expect(within(card).getByRole('heading', { name: '王芳' })).toBeTruthy();
    expect(within(card).getByText('杭州西湖茶业有限公司')).toBeTruthy();
    expect(within(card).getByRole('link', { name: 'wang.fang@example.cn' }).getAttribute('href')).toBe(
      'mailto:wang.fang@example.cn',
    );
    expect(within(card).getByRole('link', { name: '+8613800138000' }).getAttribute('href')).toBe(
      'tel:+8613800138000',
    );
    expect(within(card).getByRole('button', { name: 'Copy wang.fang@example.cn' })).toBeTruthy();
    expect(await within(card).findByText('Not scored yet')).toBeTruthy();
    expect(within(card).getByText('#vip')).toBeTruthy();
    expect(within(card).getByText('喜欢明前龙井')).toBeTruthy();
    expect(await within(card).findByText('No purchases yet.')).toBeTruthy();
  });

  test('badges open their reasons, translated by code, with the English text for an unknown code', async () => {
    const contact = await aContact();
    await db.scores.put(scoreRow(contact.id) as never);
    renderCard(contact.id, 'zh-CN');
    const badges = await screen.findByTestId('score-badges');
    await waitFor(() => expect(within(badges).getByRole('button', { name: /A 类客户/ })).toBeTruthy());
    const user = userEvent.setup();
    await user.click(within(badges).getByRole('button', { name: /流失风险高 72%/ }));
    const reasons = within(badges).getByTestId('score-reasons');
    expect(reasons.textContent).toContain(
      '已 140 天没有购买；通常每 30 天购买一次（模型估计仍在购买的可能性为 28%）。',
    );
    expect(reasons.textContent).toContain('A reason this UI does not know yet.');
    expect(reasons.querySelector('[data-untranslated="churn.some-future-code"]')).not.toBeNull();
    await user.click(within(badges).getByRole('button', { name: /A 类客户/ }));
    expect(within(badges).getByTestId('score-reasons').textContent).toContain('近 365 天营收 ¥12,345.00');
    expect(screen.getByTestId('ltv').textContent).toBe('¥8,800.00');
  });

  test('one timeline of notes, interactions, feedback and purchases, newest first; totals per year', async () => {
    const contact = await aContact();
    const day = 86_400_000;
    await addPurchase(
      contact.id,
      { product: '龙井', quantity: 1, amountMinor: 50_000, currency: 'CNY', occurredAt: ctx.now - 3 * day },
      ctx,
    );
    await addPurchase(
      contact.id,
      {
        product: 'Tea set',
        quantity: 2,
        amountMinor: 12_000,
        currency: 'USD',
        occurredAt: ctx.now - 2 * day,
      },
      ctx,
    );
    await recordFeedback(
      contact.id,
      { kind: 'complaint', occurredAt: ctx.now - day, category: '物流', text: '到货晚了' },
      ctx,
    );
    await scheduleFollowUp(contact.id, { title: '回访王芳', dueAt: ctx.now - 2 * day }, ctx);
    await createRecord(
      'notes',
      { contactId: contact.id, text: 'Called about the spring order' },
      { ...ctx, now: ctx.now - 5 * day },
    );
    renderCard(contact.id);
    const timeline = await screen.findByTestId('timeline');
    const items = within(timeline).getAllByRole('listitem');
    expect(items.map((li) => li.getAttribute('data-kind'))).toEqual([
      'feedback',
      'purchase',
      'purchase',
      'note',
    ]);
    expect(items[1]!.textContent).toContain('Purchase $120.00');
    const totals = screen.getByTestId('purchase-totals');
    expect(totals.textContent).toContain('CN¥500.00 + $120.00');
    const tasks = screen.getByTestId('card-tasks');
    expect(tasks.textContent).toMatch(/回访王芳.*overdue/);
  });

  test('quick action: a purchase typed as "1,234.50" is stored in minor units and appears at once', async () => {
    const contact = await aContact();
    renderCard(contact.id);
    await screen.findByTestId('contact-card');
    const user = userEvent.setup();
    await user.click(screen.getByRole('button', { name: 'Add purchase' }));
    const form = screen.getByTestId('action-form');
    await user.type(within(form).getByLabelText('Product'), '明前龙井');
    await user.type(within(form).getByLabelText('Amount'), '1,234.50');
    await user.click(within(form).getByRole('button', { name: 'Save' }));
    await screen.findByText('Purchase added.');
    const [purchase] = await db.purchases.toArray();
    expect(purchase).toMatchObject({
      contactId: contact.id,
      amountMinor: 123_450,
      currency: 'CNY',
      product: '明前龙井',
    });
    await waitFor(() => expect(screen.getByTestId('timeline').textContent).toContain('Purchase CN¥1,234.50'));
  });

  test('editing with bad values names each field and saves nothing', async () => {
    const contact = await aContact();
    renderCard(contact.id);
    await screen.findByTestId('contact-card');
    const user = userEvent.setup();
    await user.click(screen.getByRole('button', { name: 'Edit' }));
    const form = await screen.findByTestId('action-form');
    await user.clear(within(form).getByLabelText('Name'));
    await user.clear(within(form).getByLabelText('Email addresses (one per line)'));
    await user.type(within(form).getByLabelText('Email addresses (one per line)'), 'not-an-email');
    await user.click(within(form).getByRole('button', { name: 'Save' }));
    const alert = await within(form).findByRole('alert');
    expect(alert.textContent).toContain('Name: must not be empty');
    expect(alert.textContent).toContain('Email 1: must be a valid email address');
    expect(within(form).getByLabelText('Name').getAttribute('aria-invalid')).toBe('true');
    expect((await db.contacts.get(contact.id))?.displayName).toBe('王芳');
  });

  test('mark as lost stores the reason on the contact and shows it; field history lists the change', async () => {
    const contact = await aContact();
    renderCard(contact.id);
    await screen.findByTestId('contact-card');
    const user = userEvent.setup();
    await user.click(screen.getByRole('button', { name: 'Mark as lost' }));
    await user.type(screen.getByLabelText('Why was the customer lost?'), 'Moved to a competitor');
    await user.click(within(screen.getByTestId('action-form')).getByRole('button', { name: 'Mark as lost' }));
    expect((await screen.findByTestId('lost-banner')).textContent).toBe(
      'Marked as lost: Moved to a competitor',
    );
    expect((await db.contacts.get(contact.id))?.lost).toEqual({
      at: expect.any(Number),
      reason: 'Moved to a competitor',
    });
    await waitFor(() => expect(screen.getByTestId('field-history').textContent).toContain('Lost reason'));
    expect(screen.getByRole('button', { name: 'Reopen customer' })).toBeTruthy();
  });

  test('a contact that does not exist gets a designed empty state', async () => {
    renderCard('0190f000-0000-7000-8000-000000000000');
    expect(await screen.findByText('This customer no longer exists.')).toBeTruthy();
  });
});
