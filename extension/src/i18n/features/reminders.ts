// Follow-up cadence, care reminders (birthdays, holidays) and notifications: English and Simplified Chinese, merged into the main catalogs (../en.ts, ../zh-CN.ts).
// Keys start with 'reminders.'. The catalogs test checks both locales have the same keys and arguments.

export const remindersEn = {} as const;

export const remindersZhCN: Record<keyof typeof remindersEn, string> = {};
