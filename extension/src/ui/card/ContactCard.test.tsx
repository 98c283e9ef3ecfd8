// @vitest-environment happy-dom
// Dexie's live queries run only where a global indexedDB exists (it checks at load): this must come first.
import 'fake-indexeddb/auto';
import type { CustomerScores } from '@keepcard/shared';
import { cleanup, render, screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, beforeEach, describe, expect, test } from 'vitest';
import { addPurchase, recordFeedback, scheduleFollowUp } from '../../db/activity-repo';
import { type KeepcardDB, setDbForTesting } from '../../db/db';
import { cardDataFromIdb } from '../../db/queries/card-idb-reader';
import { createRecord, type WriteContext } from '../../db/records-repo';
import { scoreDetailOf } from '../../db/score-detail';
import type { ContactScores } from '../../db/score-pages';
import { writeScores } from '../../db/scores-repo';
import { freshDb } from '../../db/test-db';
import { createI18n, type Locale } from '../../i18n';
import { listScoresOf } from '../../scoring/score-rows';
import { I18nContext } from '../i18n-context';
import { ContactCard } from './ContactCard';
import { FIRST_TIMELINE_LIMIT, primeCard, primedCard } from './card-prefetch';

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

/**
 * Waits for the card's upkeep sections (complaints, loyalty, referrals): they load in their own chunk
 * once the card has painted, which a loaded machine can take more than a second to reach.
 */
async function upkeepShown() {
  await screen.findByTestId('loyalty-balance', {}, { timeout: 10_000 });
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

/** Scores of the shape the scoring worker stores (only the parts the card reads are filled). */
function scoreRow(contactId: string): ContactScores {
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
      moreReasons: [],
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
  const records = { contactId, purchases: [] };
  return { contactId, scoredAt: ctx.now, list: listScoresOf(detail, records), detail: scoreDetailOf(detail) };
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
    await writeScores(db, { put: [scoreRow(contact.id)] });
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

  test('the timeline shows the newest 20 first; "Show older" adds the next ones', async () => {
    const contact = await aContact();
    const minute = 60_000;
    for (let i = 0; i < 25; i++)
      await createRecord(
        'notes',
        { contactId: contact.id, text: `note ${i}` },
        { ...ctx, now: ctx.now - (25 - i) * minute },
      );
    renderCard(contact.id);
    const timeline = await screen.findByTestId('timeline');
    const texts = () =>
      within(timeline)
        .getAllByRole('listitem')
        .map((li) => li.textContent);
    expect(texts()).toHaveLength(20);
    expect(texts()[0]).toContain('note 24');
    expect(texts()[19]).toContain('note 5');
    await userEvent.click(screen.getByRole('button', { name: 'Show older' }));
    await waitFor(() => expect(texts()).toHaveLength(25));
    expect(texts()[24]).toContain('note 0');
    expect(screen.queryByRole('button', { name: 'Show older' })).toBeNull();
  });

  test('a primed snapshot that never comes does not hold the card: its live query reads after a second', async () => {
    const contact = await aContact();
    primeCard(contact.id, FIRST_TIMELINE_LIMIT, () => new Promise(() => {}));
    renderCard(contact.id);
    expect(screen.getByRole('status', { name: 'Loading the customer card…' })).toBeTruthy();
    expect(await screen.findByRole('heading', { name: '王芳' }, { timeout: 3000 })).toBeTruthy();
  });

  test('a primed snapshot is shown first, and the live query then keeps the card current', async () => {
    const contact = await aContact();
    primeCard(contact.id, FIRST_TIMELINE_LIMIT, (id, limit) => cardDataFromIdb(id, limit, { name: db.name }));
    await primedCard(contact.id, FIRST_TIMELINE_LIMIT)?.promise;
    // Written after the snapshot was read: the first render shows the snapshot, without it.
    await createRecord('notes', { contactId: contact.id, text: 'written after the snapshot' }, ctx);
    renderCard(contact.id);
    expect(screen.getByRole('heading', { name: '王芳' })).toBeTruthy();
    expect(screen.queryByText('written after the snapshot')).toBeNull();
    expect(await screen.findByText('written after the snapshot', {}, { timeout: 3000 })).toBeTruthy();
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

  test('the purchase form defaults to the currency of the customer’s latest purchase, not the workspace’s', async () => {
    const contact = await aContact();
    // Scored in the workspace's currency (CNY) while the customer lately buys in USD.
    await writeScores(db, { put: [scoreRow(contact.id)] });
    const day = 86_400_000;
    // Stored out of date order: the newest purchase is the first written.
    await addPurchase(
      contact.id,
      { product: 'Tea set', quantity: 1, amountMinor: 12_000, currency: 'USD', occurredAt: ctx.now - day },
      ctx,
    );
    await addPurchase(
      contact.id,
      { product: '龙井', quantity: 1, amountMinor: 50_000, currency: 'CNY', occurredAt: ctx.now - 30 * day },
      ctx,
    );
    renderCard(contact.id);
    await screen.findByTestId('contact-card');
    await waitFor(() => expect(screen.getByTestId('purchase-totals').textContent).toContain('$120.00'));
    const user = userEvent.setup();
    await user.click(screen.getByRole('button', { name: 'Add purchase' }));
    const form = screen.getByTestId('action-form');
    expect((within(form).getByLabelText('Currency') as HTMLSelectElement).value).toBe('USD');
    await user.type(within(form).getByLabelText('Product'), 'Tea cups');
    await user.type(within(form).getByLabelText('Amount'), '1000');
    await user.click(within(form).getByRole('button', { name: 'Save' }));
    await screen.findByText('Purchase added.');
    expect((await db.purchases.toArray()).filter((p) => p.product === 'Tea cups')).toEqual([
      expect.objectContaining({ amountMinor: 100_000, currency: 'USD' }),
    ]);
  });

  test('without purchases the purchase form defaults to the workspace’s scoring currency', async () => {
    const contact = await aContact();
    const scores = scoreRow(contact.id);
    // The stored detail takes its currency from the list scores (score-pages.ts).
    await writeScores(db, { put: [{ ...scores, list: { ...scores.list, currency: 'EUR' } }] });
    renderCard(contact.id);
    await screen.findByTestId('contact-card');
    await waitFor(() => expect(screen.getByTestId('ltv')).toBeTruthy());
    await userEvent.setup().click(screen.getByRole('button', { name: 'Add purchase' }));
    const form = screen.getByTestId('action-form');
    expect((within(form).getByLabelText('Currency') as HTMLSelectElement).value).toBe('EUR');
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

  test('a complaint with a severity is recorded, listed open, resolved with a resolution, then reopened', async () => {
    const contact = await aContact();
    renderCard(contact.id);
    await screen.findByTestId('contact-card');
    await upkeepShown();
    const user = userEvent.setup();
    await user.click(screen.getByRole('button', { name: 'Complaint / praise' }));
    const form = screen.getByTestId('action-form');
    await user.selectOptions(within(form).getByLabelText('Severity'), 'high');
    await user.type(within(form).getByLabelText('Category'), '物流');
    await user.type(within(form).getByLabelText('What they said'), '到货晚了三天');
    await user.click(within(form).getByRole('button', { name: 'Save' }));
    await screen.findByText('Feedback recorded.');
    const [stored] = await db.feedback.toArray();
    expect(stored).toMatchObject({ kind: 'complaint', severity: 'high', category: '物流', status: 'open' });

    const list = await screen.findByTestId('feedback-list');
    const item = within(list).getByTestId('feedback-item');
    expect(item.textContent).toContain('High severity');
    expect(screen.getByText('1 open complaint')).toBeTruthy();
    await user.click(within(item).getByRole('button', { name: 'Resolve' }));
    const resolve = within(item).getByTestId('action-form');
    // An empty resolution is refused, naming the field.
    await user.click(within(resolve).getByRole('button', { name: 'Resolve' }));
    expect((await within(resolve).findByRole('alert')).textContent).toContain(
      'Resolution: must not be empty',
    );
    await user.type(within(resolve).getByLabelText('What was done'), '已补发并致歉');
    await user.click(within(resolve).getByRole('button', { name: 'Resolve' }));
    await screen.findByText('Complaint resolved.');
    await waitFor(() =>
      expect(screen.getByTestId('feedback-item').getAttribute('data-status')).toBe('resolved'),
    );
    expect(screen.getByTestId('feedback-item').textContent).toMatch(/Resolved .*: 已补发并致歉/);
    expect(screen.queryByText('1 open complaint')).toBeNull();

    await user.click(within(screen.getByTestId('feedback-item')).getByRole('button', { name: 'Reopen' }));
    await user.click(
      within(within(screen.getByTestId('feedback-item')).getByTestId('action-form')).getByRole('button', {
        name: 'Reopen',
      }),
    );
    await waitFor(() => expect(screen.getByTestId('feedback-item').getAttribute('data-status')).toBe('open'));
    expect(screen.getByTestId('feedback-item').textContent).toContain('Earlier resolution: 已补发并致歉');
  });

  test('quick action: an NPS answer given on an earlier day is stored on that day and shows as the latest', async () => {
    const contact = await aContact();
    renderCard(contact.id);
    await screen.findByTestId('contact-card');
    await upkeepShown();
    const user = userEvent.setup();
    await user.click(screen.getByRole('button', { name: 'Satisfaction score' }));
    const form = screen.getByTestId('action-form');
    await user.selectOptions(within(form).getByLabelText('Survey'), 'nps');
    await user.selectOptions(within(form).getByLabelText('Score'), '6');
    const date = within(form).getByLabelText('Date');
    await user.clear(date);
    await user.type(date, '2026-03-05');
    await user.click(within(form).getByRole('button', { name: 'Save' }));
    await screen.findByText('Satisfaction score recorded.');
    const [answer] = await db.feedback.toArray();
    expect(answer).toMatchObject({
      kind: 'survey',
      scale: 'nps',
      score: 6,
      occurredAt: new Date(2026, 2, 5, 9).getTime(),
    });
    await waitFor(() => expect(screen.getByTestId('latest-answers').textContent).toContain('6/10'));
    expect(screen.getByTestId('latest-answers').textContent).toContain('detractor');
  });

  test('the latest CSAT and NPS answers show with the NPS group', async () => {
    const contact = await aContact();
    const day = 86_400_000;
    await recordFeedback(
      contact.id,
      { kind: 'survey', scale: 'nps', score: 3, occurredAt: ctx.now - 9 * day },
      ctx,
    );
    await recordFeedback(
      contact.id,
      { kind: 'survey', scale: 'nps', score: 10, occurredAt: ctx.now - day },
      ctx,
    );
    renderCard(contact.id);
    const answers = await screen.findByTestId('latest-answers');
    await waitFor(() => expect(answers.textContent).toContain('10/10'));
    expect(answers.textContent).toContain('promoter');
    expect(answers.textContent).toContain('Not asked yet');
  });

  test('loyalty points: award, redeem, a redemption above the balance is refused naming the field (Chinese UI)', async () => {
    const contact = await aContact();
    renderCard(contact.id, 'zh-CN');
    await screen.findByTestId('contact-card');
    await upkeepShown();
    const user = userEvent.setup();
    const section = () => screen.getByRole('region', { name: '积分' });
    await user.click(within(section()).getByRole('button', { name: '奖励积分' }));
    await user.type(within(section()).getByLabelText('积分数'), '500');
    await user.type(within(section()).getByLabelText('原因'), '年度续约奖励');
    await user.click(within(section()).getByRole('button', { name: '保存' }));
    await screen.findByText('积分已奖励。');
    await waitFor(() => expect(screen.getByTestId('loyalty-balance').textContent).toContain('500 积分'));

    await user.click(within(section()).getByRole('button', { name: '兑换积分' }));
    await user.type(within(section()).getByLabelText('积分数'), '800');
    await user.type(within(section()).getByLabelText('原因'), '兑换礼盒');
    await user.click(within(section()).getByRole('button', { name: '保存' }));
    const alert = await within(section()).findByRole('alert');
    expect(alert.textContent).toBe('积分数：不能超过当前积分余额 500');
    expect(within(section()).getByLabelText('积分数').getAttribute('aria-invalid')).toBe('true');
    await user.clear(within(section()).getByLabelText('积分数'));
    await user.type(within(section()).getByLabelText('积分数'), '200');
    await user.click(within(section()).getByRole('button', { name: '保存' }));
    await screen.findByText('积分已兑换。');
    await waitFor(() => expect(screen.getByTestId('loyalty-balance').textContent).toContain('300 积分'));
    const ledger = screen.getByTestId('loyalty-ledger');
    expect(
      within(ledger)
        .getAllByRole('listitem')
        .map((li) => li.textContent),
    ).toEqual([
      expect.stringMatching(/兑换礼盒.*余额 300.*−200/),
      expect.stringMatching(/年度续约奖励.*余额 500.*\+500/),
    ]);
  });

  test('referrals: pick a referrer by name; the referrer’s card lists the referred customer and their revenue', async () => {
    const referrer = await createRecord(
      'contacts',
      { displayName: 'Li Chen', source: { kind: 'manual' } },
      ctx,
    );
    const contact = await aContact();
    await addPurchase(
      contact.id,
      { product: '龙井', quantity: 1, amountMinor: 88_800, currency: 'CNY', occurredAt: ctx.now },
      ctx,
    );
    const view = renderCard(contact.id);
    await screen.findByTestId('contact-card');
    await upkeepShown();
    const user = userEvent.setup();
    await user.click(screen.getByRole('button', { name: 'Set referrer' }));
    await user.type(screen.getByLabelText('Search customers by name'), 'chen');
    await user.click(await screen.findByRole('radio', { name: 'Choose Li Chen as referrer' }));
    await user.click(within(screen.getByTestId('action-form')).getByRole('button', { name: 'Save' }));
    await screen.findByText('Referrer saved.');
    const link = await within(screen.getByTestId('referred-by')).findByRole('link', { name: 'Li Chen' });
    expect(link.getAttribute('href')).toBe(`#/c/${referrer.id}`);
    expect((await db.contacts.get(contact.id))?.referredById).toBe(referrer.id);
    // The field history names the referrer, not their id.
    await waitFor(() => expect(screen.getByTestId('field-history').textContent).toContain('Referred by: '));
    await waitFor(() => expect(screen.getByTestId('field-history').textContent).toContain('Li Chen'));
    expect(screen.getByTestId('field-history').textContent).not.toContain(referrer.id);

    view.unmount();
    renderCard(referrer.id);
    const referred = await screen.findByTestId('referred-customers');
    await waitFor(() => expect(referred.textContent).toContain('Referred 1 customer'));
    expect(within(referred).getByRole('link', { name: '王芳' }).getAttribute('href')).toBe(
      `#/c/${contact.id}`,
    );
    expect(screen.getByTestId('referred-revenue').textContent).toContain('CN¥888.00');
  });

  test('a contact that does not exist gets a designed empty state', async () => {
    renderCard('0190f000-0000-7000-8000-000000000000');
    expect(await screen.findByText('This customer no longer exists.')).toBeTruthy();
  });
});
