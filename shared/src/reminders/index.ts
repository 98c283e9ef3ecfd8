export * from './chinese-calendar';
export * from './due-reminders';
export * from './follow-up';
export * from './local-time';
export * from './new-moon';
export * from './occurrences';
export * from './reminder-settings';
