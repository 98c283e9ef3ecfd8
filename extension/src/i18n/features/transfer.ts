// Import and export: CSV, vCard, JSON backup and restore: English and Simplified Chinese, merged into the main catalogs (../en.ts, ../zh-CN.ts).
// Keys start with 'transfer.'. The catalogs test checks both locales have the same keys and arguments.

export const transferEn = {} as const;

export const transferZhCN: Record<keyof typeof transferEn, string> = {};
