import type { Page } from '@playwright/test';
import { en } from '../../extension/src/i18n/en';
import { zhCN } from '../../extension/src/i18n/zh-CN';
import { expect, test } from '../support/extension';
import { goTo, loadDemo, scoreBook } from './support/panel';

type Key = keyof typeof en;

const escapeRegExp = (text: string) => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/**
 * A message as a regular expression over rendered text: literal parts as they are, a simple argument
 * as a wildcard, a plural or select as the alternation of its forms (`#` a number).
 */
function messageSource(message: string): string {
  let out = '';
  for (let i = 0; i < message.length; i++) {
    const ch = message[i]!;
    if (ch === '#') {
      out += '[\\d,.]+';
      continue;
    }
    if (ch !== '{') {
      out += escapeRegExp(ch);
      continue;
    }
    let depth = 0;
    let j = i;
    for (; j < message.length; j++) {
      if (message[j] === '{') depth++;
      else if (message[j] === '}' && --depth === 0) break;
    }
    const body = message.slice(i + 1, j);
    const complex = /^\s*\w+\s*,\s*(plural|select)\s*,/.exec(body);
    if (!complex) out += '[\\s\\S]*?';
    else {
      const forms: string[] = [];
      const rest = body.slice(complex[0].length);
      for (let k = 0; k < rest.length; k++) {
        if (rest[k] !== '{') continue;
        let d = 0;
        let m = k;
        for (; m < rest.length; m++) {
          if (rest[m] === '{') d++;
          else if (rest[m] === '}' && --d === 0) break;
        }
        forms.push(messageSource(rest.slice(k + 1, m)));
        k = m;
      }
      out += `(?:${forms.join('|')})`;
    }
    i = j;
  }
  return out;
}

/** The pattern of a message, or null when it would match any text (a message that is all arguments). */
function templatePattern(message: string): RegExp | null {
  // Literal English letters make a message recognisable; one of only arguments and punctuation is not.
  const letters = message.replace(/\{\s*\w+\s*(,\s*(plural|select)\s*,)?|\}/g, '').replace(/[^A-Za-z]/g, '');
  if (letters.length < 3) return null;
  const pattern = new RegExp(`^${messageSource(message)}$`);
  return pattern.test('测试 123') || pattern.test('') ? null : pattern;
}

// English messages whose Chinese text differs: seeing one of them in the Chinese UI is a missing
// translation (a text rendered without the i18n layer, or a key the Chinese catalog got wrong).
const english = (Object.keys(en) as Key[]).filter((k) => zhCN[k] !== en[k]);
const exact = new Map(english.map((k) => [en[k].trim(), k]));
const patterns = english.flatMap((k) => {
  const p = en[k].includes('{') ? templatePattern(en[k]) : null;
  return p ? [{ key: k, pattern: p }] : [];
});

/** Every visible text and every text a screen reader or tooltip shows, with what rendered it. */
async function renderedTexts(panel: Page): Promise<string[]> {
  return panel.evaluate(() => {
    const out: string[] = [];
    const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
    for (let n = walker.nextNode(); n; n = walker.nextNode()) {
      const text = n.textContent?.trim();
      if (text) out.push(text);
    }
    for (const el of Array.from(document.querySelectorAll('*'))) {
      for (const attr of ['aria-label', 'placeholder', 'title', 'alt']) {
        const v = el.getAttribute(attr)?.trim();
        if (v) out.push(v);
      }
      if (el instanceof HTMLElement && el.textContent && el.children.length > 0 && el.children.length < 6) {
        const joined = el.textContent.replace(/\s+/g, ' ').trim();
        if (joined.length < 200) out.push(joined);
      }
    }
    for (const el of Array.from(document.querySelectorAll('[data-untranslated]')))
      out.push(`untranslated reason ${el.getAttribute('data-untranslated')}`);
    return out;
  });
}

const found = new Map<string, string>();
async function check(panel: Page, where: string) {
  for (const text of await renderedTexts(panel)) {
    if (text.startsWith('untranslated reason')) found.set(`${where}: ${text}`, text);
    // English punctuation glued to Chinese text: a "label: value" put together outside the catalog.
    if (/[\u4e00-\u9fff][:;,?!] /.test(text))
      found.set(`${where}: “${text}”`, 'ASCII punctuation after Chinese');
    const key = exact.get(text);
    if (key) found.set(`${where}: “${text}”`, key);
    else
      for (const { key: k, pattern } of patterns)
        if (pattern.test(text)) {
          found.set(`${where}: “${text}”`, k);
          break;
        }
  }
}

test('the Chinese UI shows no untranslated string, in every view', async ({ openSidePanel }) => {
  test.setTimeout(120_000);
  const panel = await openSidePanel();
  await loadDemo(panel);
  await scoreBook(panel);

  await goTo(panel, 'Settings');
  await panel.getByLabel('简体中文').check();
  await expect(panel.getByRole('heading', { name: '设置' })).toBeVisible();
  await expect(panel.locator('html')).toHaveAttribute('lang', 'zh-CN');
  await check(panel, 'settings');
  await panel.screenshot({ path: test.info().outputPath('zh-settings.png') });

  // The choice is stored: a reload keeps Chinese.
  await panel.reload();
  await goTo(panel, '客户');
  await expect(panel.getByTestId('result-count')).toHaveText('共 38 位客户');
  await check(panel, 'list');
  await panel.screenshot({ path: test.info().outputPath('zh-list.png') });

  await panel.getByRole('button', { name: '筛选' }).click();
  await check(panel, 'filters');
  await panel.getByTestId('filter-panel').getByText('A 类客户').click();
  await panel.getByRole('button', { name: /^筛选/ }).click();
  await panel.getByRole('button', { name: '客户分组' }).click();
  await panel.getByLabel('将当前筛选保存为分组').fill('核心');
  await panel.getByRole('button', { name: '保存', exact: true }).click();
  await expect(panel.getByTestId('segment')).toContainText('核心');
  await check(panel, 'segments');
  await panel.screenshot({ path: test.info().outputPath('zh-segments.png') });

  for (const view of ['本周流失风险', '待回访', '本月生日', '核心客户（A 类）']) {
    await panel.getByRole('button', { name: view }).click();
    await check(panel, `view ${view}`);
  }
  await panel.getByRole('button', { name: '全部', exact: true }).click();
  await panel.getByRole('button', { name: /^筛选/ }).click();
  await panel.getByRole('button', { name: '清除筛选' }).click();
  await expect(panel.getByTestId('result-count')).toHaveText('共 38 位客户');
  for (const sort of ['tier', 'churnRisk', 'lifetimeValue', 'revenue', 'nextFollowUp']) {
    await panel.getByLabel('排序').selectOption(sort);
    await check(panel, `sort ${sort}`);
  }
  await panel.getByTestId('customer-row').first().locator('input[type=checkbox]').check();
  await expect(panel.getByTestId('bulk-bar')).toBeVisible();
  for (const action of ['加标签', '分配', '创建回访']) {
    await panel.getByTestId('bulk-bar').getByRole('button', { name: action }).click();
    await check(panel, `bulk ${action}`);
  }
  await panel.screenshot({ path: test.info().outputPath('zh-bulk.png') });
  await panel.getByRole('button', { name: '取消选择' }).click();

  // Every card of the book, each badge's reasons open: reasons come from scoring codes.
  const ids = await panel.evaluate(
    () =>
      new Promise<string[]>((resolve) => {
        const open = indexedDB.open('keepcard');
        open.onsuccess = () => {
          const req = open.result.transaction('contacts').objectStore('contacts').getAllKeys();
          req.onsuccess = () => resolve(req.result as string[]);
        };
      }),
  );
  expect(ids).toHaveLength(38);
  for (const [n, id] of ids.entries()) {
    await panel.evaluate((hash) => {
      location.hash = hash;
    }, `#/c/${id}`);
    const card = panel.getByTestId('contact-card');
    await expect(card).toBeVisible();
    for (const badge of ['价值等级', '生命周期阶段', '流失风险']) {
      await card
        .getByTestId('score-badges')
        .getByRole('button', { name: new RegExp(`^${badge}`) })
        .click();
      await check(panel, `card ${n} ${badge}`);
    }
    if (n === 0) {
      await panel.screenshot({ path: test.info().outputPath('zh-card.png') });
      for (const action of [
        '添加备注',
        '记录通话/会面',
        '添加购买',
        '安排回访',
        '投诉/表扬',
        '满意度评分',
        '标记为流失',
        '编辑',
      ]) {
        await card.getByRole('toolbar').getByRole('button', { name: action }).click();
        await check(panel, `form ${action}`);
      }
      // An error in Chinese names the field in Chinese.
      await card.getByLabel('邮箱地址（每行一个）').fill('not-an-email');
      await card.getByRole('button', { name: '保存' }).click();
      await expect(card.getByRole('alert')).toContainText('邮箱 1：必须是有效的邮箱地址');
      await check(panel, 'edit errors');
      await panel.screenshot({ path: test.info().outputPath('zh-edit-error.png') });
      await card.getByRole('button', { name: '取消' }).click();
    }
  }
  // One line per distinct text, with every place it appeared.
  const byText = new Map<string, string[]>();
  for (const [where, key] of found) {
    const text = `${where.replace(/^[^:]*: /, '')} (${key})`;
    byText.set(text, [...(byText.get(text) ?? []), where.replace(/: .*$/, '')]);
  }
  expect(
    [...byText].map(
      ([text, places]) => `${text} in ${places.slice(0, 3).join(', ')}${places.length > 3 ? '…' : ''}`,
    ),
  ).toEqual([]);
});
