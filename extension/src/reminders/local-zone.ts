/** The rep's IANA time zone, as the browser knows it: care reminders are due at the reminder time there. */
export const localTimeZone = (): string => Intl.DateTimeFormat().resolvedOptions().timeZone;
