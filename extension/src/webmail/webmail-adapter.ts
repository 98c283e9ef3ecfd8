import {
  type DisplayedDate,
  type MailPerson,
  OPEN_MESSAGE_LIMITS,
  OpenMessage,
  parseAddressList,
  parseDisplayedDate,
  type WebmailSite,
} from '@keepcard/shared';
import { lineText } from './visible-text';

/**
 * One webmail site: reads the open message from the page (thin DOM glue; the mapping to a card is
 * shared's `captureFromOpenMessage`). Each site keeps its selectors in its own `*-selectors.ts`.
 */
export interface WebmailAdapter {
  site: WebmailSite;
  /**
   * A cheap key of what the page shows (route, message ids, body length): the watcher reads the
   * message again only when it changes, so a busy page costs little.
   */
  fingerprint(doc: Document, url: string): string;
  /** The open message, or null when none is open (a list, a compose window, settings). */
  read(doc: Document, url: string): OpenMessage | null;
}

/** Epoch ms of a date the page showed, in the browser's own time zone (the one the page used). */
export function toLocalEpoch(date: DisplayedDate): number {
  return date.epoch ?? new Date(date.year, date.month - 1, date.day, date.hour, date.minute).getTime();
}

/** The page's language, for reading its dates: the document's `lang`, else the browser's. */
export function pageLocale(doc: Document): string | undefined {
  return doc.documentElement.getAttribute('lang') || globalThis.navigator?.language || undefined;
}

/** The first of the elements' `title`s (or, failing that, texts) that reads as a full date. */
export function firstDate(
  elements: Iterable<Element>,
  locale: string | undefined,
  limit = 60,
): number | null {
  let seen = 0;
  for (const el of elements) {
    if (++seen > limit) break;
    for (const text of [
      el.getAttribute('title'),
      el.getAttribute('datetime'),
      el.getAttribute('aria-label'),
    ]) {
      if (!text) continue;
      const date = parseDisplayedDate(text, locale);
      if (date) return toLocalEpoch(date);
    }
  }
  seen = 0;
  for (const el of elements) {
    if (++seen > limit) break;
    const date = parseDisplayedDate(lineText(el, 200), locale);
    if (date) return toLocalEpoch(date);
  }
  return null;
}

/** A person from an element carrying the address in an attribute (`email`, `title`…) and the name in another or as text. */
export function personFrom(address: string | null, name: string | null | undefined): MailPerson | null {
  const [person] = parseAddressList(address ?? '', 1);
  if (!person) return null;
  const shown = (name ?? '').replace(/\s+/g, ' ').trim().slice(0, OPEN_MESSAGE_LIMITS.maxNameChars);
  return shown && !shown.includes('@')
    ? { name: shown, address: person.address }
    : { address: person.address };
}

/** Adds people not yet in the list (by address), up to the schema's bound. */
export function addPeople(list: MailPerson[], people: Iterable<MailPerson | null>): MailPerson[] {
  for (const person of people) {
    if (!person || list.length >= OPEN_MESSAGE_LIMITS.maxRecipients) continue;
    if (!list.some((p) => p.address === person.address)) list.push(person);
  }
  return list;
}

/** Validates a read message with the shared schema: a page that yields something odd gives null, never a throw. */
export function checked(message: OpenMessage): OpenMessage | null {
  const parsed = OpenMessage.safeParse({
    ...message,
    subject: message.subject.slice(0, OPEN_MESSAGE_LIMITS.maxSubjectChars),
    bodyText: message.bodyText.slice(0, OPEN_MESSAGE_LIMITS.maxBodyChars),
    messageId: message.messageId?.slice(0, OPEN_MESSAGE_LIMITS.maxMessageIdChars) ?? null,
    pageUrl: /^https?:/i.test(message.pageUrl ?? '') ? message.pageUrl?.slice(0, 2048) : undefined,
  });
  return parsed.success ? parsed.data : null;
}

/** The first match of `selectors` (a list) under `root`, or null. Each selector is tried alone, so one the browser refuses does not hide the others. */
export function firstOf(root: ParentNode, selectors: readonly string[]): Element | null {
  for (const selector of selectors) {
    try {
      const el = root.querySelector(selector);
      if (el) return el;
    } catch {
      // an unsupported selector in an older browser: try the next
    }
  }
  return null;
}
