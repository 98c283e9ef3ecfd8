// Complaints and satisfaction statistics, NPS, loyalty points and referrals: English and Simplified Chinese, merged into the main catalogs (../en.ts, ../zh-CN.ts).
// Keys start with 'feedback.'. The catalogs test checks both locales have the same keys and arguments.

export const feedbackEn = {} as const;

export const feedbackZhCN: Record<keyof typeof feedbackEn, string> = {};
