// @vitest-environment happy-dom
// Dexie's live queries run only where a global indexedDB exists (it checks at load): this must come first.
import 'fake-indexeddb/auto';
import { cleanup, render, screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, beforeEach, describe, expect, test, vi } from 'vitest';
import { type KeepcardDB, setDbForTesting } from '../../db/db';
import { createRecords, type WriteContext } from '../../db/records-repo';
import { writeScores } from '../../db/scores-repo';
import { freshDb } from '../../db/test-db';
import { testListScores, testScores } from '../../db/test-scores';
import { createI18n, type Locale } from '../../i18n';
import { listLoaderFor } from '../../list/list-loader';
import { I18nContext } from '../i18n-context';
import { entriesToCsv } from './csv-export';
import { ListScreen } from './ListScreen';
import { type ListLink, listLinkHash, parseListLink } from './list-link';

let db: KeepcardDB;
let ctx: WriteContext;

beforeEach(async () => {
  ({ db, ctx } = freshDb(Date.now()));
  setDbForTesting(db);
  await db.meta.put({ key: 'actor', value: ctx.actor });
});
afterEach(() => {
  cleanup();
  listLoaderFor(db).stop();
  setDbForTesting(undefined);
});

const scores = testListScores;

async function seed(count = 30) {
  const rows = await createRecords(
    'contacts',
    Array.from({ length: count }, (_, i) => ({
      displayName: i % 2 ? `客户${i}号` : `Customer ${String(i).padStart(2, '0')}`,
      emails: [{ address: `c${i}@example.com`, label: 'work' as const }],
      phones: [
        {
          number: `+86138001380${String(i).padStart(2, '0')}`,
          raw: `138 0013 80${String(i).padStart(2, '0')}`,
          label: 'mobile' as const,
        },
      ],
      tags: i % 3 === 0 ? ['vip'] : [],
      address: { country: i % 2 ? 'CN' : 'US' },
      source: { kind: 'manual' as const },
    })),
    ctx,
  );
  await writeScores(db, {
    put: rows.map((r, i) =>
      testScores(r.id, ctx.now, {
        tier: i < 3 ? 'A' : 'C',
        lifetimeValueMinor: i * 1000,
        churnLevel: i % 10 === 0 ? 'high' : 'low',
      }),
    ),
  });
  return rows;
}

function renderList(locale: Locale = 'en', onOpen: (id: string) => void = () => {}) {
  listLoaderFor(db).start();
  return render(
    <I18nContext.Provider value={createI18n(locale)}>
      <ListScreen hidden={false} onOpen={onOpen} onGoSettings={() => {}} />
    </I18nContext.Provider>,
  );
}

describe('ListScreen', () => {
  test('an empty book gets a designed empty state that points to the demo data', async () => {
    renderList();
    expect(await screen.findByText('No customers yet')).toBeTruthy();
    expect(screen.getByRole('button', { name: 'Load demo data in Settings' })).toBeTruthy();
  });

  test('search as you type: Chinese substring, phone with spaces, email; no match says so', async () => {
    await seed();
    renderList();
    const count = await screen.findByTestId('result-count');
    await waitFor(() => expect(count.textContent).toBe('30 customers'));
    const user = userEvent.setup();
    const search = screen.getByRole('searchbox', { name: 'Search customers' });
    await user.type(search, '客户1');
    await waitFor(() => expect(count.textContent).toBe('6 customers')); // 客户1号, 客户11号 … 客户19号
    await user.clear(search);
    await user.type(search, '138 0013 8007');
    await waitFor(() => expect(count.textContent).toBe('1 customer'));
    await user.clear(search);
    await user.type(search, 'c12@example');
    await waitFor(() => expect(screen.getByTestId('customer-row').textContent).toContain('Customer 12'));
    await user.clear(search);
    await user.type(search, 'zzz');
    expect((await screen.findByTestId('list-no-match')).textContent).toContain('No customer matches “zzz”.');
  });

  test('a rescore that leaves the same customers in view still shows in their rows', async () => {
    const rows = await seed(5);
    renderList();
    await waitFor(() => expect(screen.getByTestId('result-count').textContent).toBe('5 customers'));
    const firstRow = () => screen.getAllByTestId('customer-row')[0]!;
    const first = rows.find((r) => firstRow().textContent?.includes(r.displayName))!;
    const before = firstRow().textContent;
    // The scoring worker stores a new tier for the first row's customer: the sort by name is unchanged.
    await writeScores(db, {
      put: [testScores(first.id, ctx.now, { tier: 'B', lifetimeValueMinor: 1 })],
    });
    await waitFor(() => expect(firstRow().textContent).not.toBe(before));
    expect(firstRow().textContent).toContain(first.displayName);
  });

  test('rows are virtualised: a 30-row result puts only the rows in view (plus a few) in the DOM', async () => {
    await seed(30);
    renderList();
    await waitFor(() => expect(screen.getByTestId('result-count').textContent).toBe('30 customers'));
    // happy-dom has no layout: the list assumes 600 px, 10 rows of 60 px, plus 6 overscan.
    expect(screen.getAllByTestId('customer-row').length).toBeLessThanOrEqual(16);
    expect(screen.getByRole('listbox').getAttribute('aria-multiselectable')).toBe('true');
  });

  test('views and sorts: core customers by lifetime value, largest first', async () => {
    await seed();
    renderList();
    await waitFor(() => expect(screen.getByTestId('result-count').textContent).toBe('30 customers'));
    const user = userEvent.setup();
    await user.click(screen.getByRole('button', { name: 'Core customers (A)' }));
    await waitFor(() => expect(screen.getByTestId('result-count').textContent).toBe('3 customers'));
    await user.selectOptions(screen.getByLabelText('Sort'), 'lifetimeValue');
    await waitFor(() =>
      expect(
        screen
          .getAllByTestId('customer-row')
          .map((r) => r.textContent?.match(/(Customer \d+|客户\d+号)/)?.[0]),
      ).toEqual(['Customer 02', '客户1号', 'Customer 00']),
    );
  });

  test('keyboard: arrows move, Enter opens, Space selects and shows the bulk bar, Escape clears', async () => {
    await seed(5);
    const opened: string[] = [];
    renderList('en', (id) => opened.push(id));
    await waitFor(() => expect(screen.getByTestId('result-count').textContent).toBe('5 customers'));
    const user = userEvent.setup();
    const list = screen.getByRole('listbox');
    list.focus();
    await user.keyboard('{ArrowDown}{ArrowDown}');
    const active = list.getAttribute('aria-activedescendant');
    expect(active).toBe(screen.getAllByTestId('customer-row')[2]!.id);
    await user.keyboard(' ');
    expect(within(await screen.findByTestId('bulk-bar')).getByText('1 selected')).toBeTruthy();
    await user.keyboard('{Enter}');
    expect(opened).toEqual([active!.replace(/^row-/, '')]);
    await user.keyboard('{Escape}');
    await waitFor(() => expect(screen.queryByTestId('bulk-bar')).toBeNull());
  });

  test('bulk tag: every selected customer gets the tag, in one go', async () => {
    const rows = await seed(6);
    renderList();
    await waitFor(() => expect(screen.getByTestId('result-count').textContent).toBe('6 customers'));
    const user = userEvent.setup();
    await user.click(screen.getByLabelText('Select all customers in the result'));
    const bar = await screen.findByTestId('bulk-bar');
    expect(within(bar).getByText('6 selected')).toBeTruthy();
    await user.click(within(bar).getByRole('button', { name: 'Tag' }));
    await user.type(within(bar).getByLabelText('Tag to add'), 'Trade-Fair');
    await user.click(within(bar).getByRole('button', { name: 'Apply to 6 customers' }));
    expect(await within(bar).findByText('Tagged 6 customers with “trade-fair”.')).toBeTruthy();
    for (const row of rows) expect((await db.contacts.get(row.id))?.tags).toContain('trade-fair');
  });

  test('the Chinese list is in Chinese', async () => {
    await seed(3);
    renderList('zh-CN');
    await waitFor(() => expect(screen.getByTestId('result-count').textContent).toBe('共 3 位客户'));
    expect(screen.getByRole('searchbox', { name: '搜索客户' })).toBeTruthy();
    expect(screen.getByRole('button', { name: '核心客户（A 类）' })).toBeTruthy();
  });
});

describe('ListScreen when its query fails', () => {
  afterEach(() => {
    vi.restoreAllMocks();
  });

  test('shows the reason as text and a way to try again instead of loading forever', async () => {
    await seed(4);
    const { index } = listLoaderFor(db);
    const query = vi
      .spyOn(index, 'query')
      .mockRejectedValueOnce(new Error('<b>Sorting</b> ran out of memory'));
    renderList();
    const alert = await screen.findByRole('alert');
    expect(alert.textContent).toBe('The customer list could not be shown: <b>Sorting</b> ran out of memory');
    expect(alert.querySelector('b')).toBeNull();
    expect(screen.queryByRole('status')).toBeNull();
    expect(screen.queryByTestId('result-count')).toBeNull();
    await userEvent.setup().click(screen.getByRole('button', { name: 'Try again' }));
    await waitFor(() => expect(screen.getByTestId('result-count').textContent).toBe('4 customers'));
    expect(screen.queryByRole('alert')).toBeNull();
    expect(query).toHaveBeenCalledTimes(2);
  });

  test('in Chinese', async () => {
    await seed(2);
    vi.spyOn(listLoaderFor(db).index, 'query').mockRejectedValueOnce(new Error('boom'));
    renderList('zh-CN');
    expect((await screen.findByRole('alert')).textContent).toBe('无法显示客户列表：boom');
    expect(screen.getByRole('button', { name: '重试' })).toBeTruthy();
  });
});

describe('CSV export', () => {
  test('quotes, guards formulas and starts with a byte-order mark', () => {
    const csv = entriesToCsv(
      [
        {
          id: '1',
          displayName: '=HYPERLINK("x")',
          nameKey: 'x',
          searchText: '',
          tags: ['vip', 'tea'],
          ownerId: 'u',
          companyName: 'Acme, Inc.',
          scores: scores({ tier: 'A', lifetimeValueMinor: 123_456 }),
        },
      ],
      createI18n('en'),
    );
    const [header, row] = csv.slice(1).split('\r\n');
    expect(csv.charCodeAt(0)).toBe(0xfeff);
    expect(header).toContain('Name,Company,Title');
    expect(row).toBe(`"'=HYPERLINK(""x"")","Acme, Inc.",,,,vip tea,,,,Tier A,Repeat,Low,10,1234.56,0.00,CNY`);
  });
});

describe('ListScreen opened from a link (#/list?filter=…)', () => {
  const renderLinked = (link: ListLink) => {
    listLoaderFor(db).start();
    return render(
      <I18nContext.Provider value={createI18n('en')}>
        <ListScreen hidden={false} onOpen={() => {}} onGoSettings={() => {}} link={link} />
      </I18nContext.Provider>,
    );
  };

  test("applies the link's filter, says where it came from, and 'Show all' clears it", async () => {
    await seed();
    renderLinked(parseListLink(listLinkHash({ tiers: ['A'] }, 'Dashboard: Tier A')));
    const count = await screen.findByTestId('result-count');
    await waitFor(() => expect(count.textContent).toBe('3 customers'));
    const notice = screen.getByTestId('list-link-notice');
    expect(notice.textContent).toContain('Dashboard: Tier A');
    await userEvent.setup().click(within(notice).getByRole('button', { name: 'Show all customers' }));
    await waitFor(() => expect(count.textContent).toBe('30 customers'));
    expect(screen.queryByTestId('list-link-notice')).toBeNull();
  });

  test('exact customers: the list behind an NPS period or a complaint category', async () => {
    const rows = await seed();
    renderLinked(parseListLink(listLinkHash({ contactIds: [rows[4]!.id, rows[7]!.id] }, 'Detractors')));
    const count = await screen.findByTestId('result-count');
    await waitFor(() => expect(count.textContent).toBe('2 customers'));
    const names = screen.getAllByTestId('customer-row').map((r) => r.textContent);
    expect(names.some((n) => n?.includes('Customer 04'))).toBe(true);
    expect(names.some((n) => n?.includes('客户7号'))).toBe(true);
  });

  test('a bad filter names the criterion and why, and shows everyone rather than a blank list', async () => {
    await seed();
    renderLinked(parseListLink(`#/list?filter=${encodeURIComponent('{"tiers":["Z"]}')}`));
    const alert = await screen.findByTestId('list-link-invalid');
    expect(alert.textContent).toContain('Value tier: a value the list does not know');
    await waitFor(() => expect(screen.getByTestId('result-count').textContent).toBe('30 customers'));
  });
});
