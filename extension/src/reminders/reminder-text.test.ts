import { AUTO_FOLLOW_UP_TITLE, type Reminder } from '@keepcard/shared';
import { describe, expect, test } from 'vitest';
import { createI18n } from '../i18n';
import { careTitle, notificationText, taskTitle } from './reminder-text';

const en = createI18n('en');
const zh = createI18n('zh-CN');
const base: Reminder = {
  id: 'x',
  kind: 'task',
  dueAt: Date.UTC(2026, 0, 5, 1),
  contactIds: ['c1'],
  title: '',
};

describe('notificationText', () => {
  test.each([
    [
      'auto follow-up',
      { ...base, taskKind: 'follow-up', title: AUTO_FOLLOW_UP_TITLE },
      ['王芳'],
      'Follow up with 王芳',
      '回访 王芳',
    ],
    [
      'own task',
      { ...base, taskKind: 'other', title: 'Send the quote' },
      ['Anna'],
      'Send the quote · Anna',
      'Send the quote · Anna',
    ],
    ['birthday', { ...base, kind: 'birthday' }, ['王芳'], '🎂 王芳’s birthday today', '🎂 今天是王芳的生日'],
    [
      'built-in holiday',
      { ...base, kind: 'holiday', holidayId: 'spring-festival', contactIds: ['a', 'b'] },
      ['王芳', '李娜'],
      'Spring Festival today',
      '今天是春节',
    ],
  ] as const)('%s', (_name, reminder, names, english, chinese) => {
    expect(notificationText(en, reminder as Reminder, [...names]).title).toBe(english);
    expect(notificationText(zh, reminder as Reminder, [...names]).title).toBe(chinese);
  });

  test('a holiday lists up to five customers and counts them all', () => {
    const r: Reminder = {
      ...base,
      kind: 'holiday',
      holidayId: 'custom-x',
      title: '店庆',
      contactIds: ['1', '2', '3', '4', '5', '6'],
    };
    const names = ['甲', '乙', '丙', '丁', '戊', '己'];
    expect(notificationText(zh, r, names)).toEqual({
      title: '今天是店庆',
      message: '问候 6 位客户：甲、乙、丙、丁、戊…',
    });
    expect(notificationText(en, { ...r, contactIds: ['1'] }, ['Anna']).message).toBe(
      'Greet 1 customer: Anna',
    );
  });
});

describe('titles', () => {
  test('the follow-up Keepcard schedules reads in the UI language; a rep’s own title stays', () => {
    expect(taskTitle(zh.t, { kind: 'follow-up', title: AUTO_FOLLOW_UP_TITLE })).toBe('定期回访');
    expect(taskTitle(zh.t, { kind: 'follow-up', title: '回访王芳' })).toBe('回访王芳');
  });
  test('care titles', () => {
    expect(careTitle(zh.t, { kind: 'birthday', title: '' })).toBe('生日祝福');
    expect(careTitle(en.t, { kind: 'holiday', holidayId: 'mid-autumn', title: '' })).toBe(
      'Send Mid-Autumn Festival wishes',
    );
    expect(careTitle(zh.t, { kind: 'holiday', holidayId: 'custom-x', title: '店庆' })).toBe('店庆问候');
  });
});
