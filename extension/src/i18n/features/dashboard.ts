// The dashboard page and its charts: English and Simplified Chinese, merged into the main catalogs (../en.ts, ../zh-CN.ts).
// Keys start with 'dashboard.'. The catalogs test checks both locales have the same keys and arguments.

export const dashboardEn = {} as const;

export const dashboardZhCN: Record<keyof typeof dashboardEn, string> = {};
