import { type MailPerson, type OpenMessage, parseAddressList } from '@keepcard/shared';
import { readByFallback } from './fallback-reader';
import { GMAIL, GMAIL_THREAD_HASH } from './gmail-selectors';
import { lineText, visibleText } from './visible-text';
import {
  addPeople,
  checked,
  firstDate,
  pageLocale,
  personFrom,
  type WebmailAdapter,
} from './webmail-adapter';

/** Messages of a thread looked at: a very long thread shows its last ones expanded. */
const MAX_MESSAGES = 100;
const MAX_PEOPLE_SCANNED = 400;

function personOf(el: Element): MailPerson | null {
  return personFrom(el.getAttribute('email'), el.getAttribute('name') || lineText(el, 200));
}

/**
 * The rep's own address in Gmail: the account button's label, the window title, or (in a thread
 * list) the people Gmail names "me" (see gmail-selectors.ts for where each comes from).
 */
export function gmailAccountEmail(doc: Document): string | null {
  for (const el of Array.from(doc.querySelectorAll(GMAIL.accountButton)).slice(0, 5)) {
    const [person] = parseAddressList(el.getAttribute('aria-label') ?? '', 1);
    if (person) return person.address;
  }
  const [fromTitle] = parseAddressList(doc.title, 1);
  if (fromTitle) return fromTitle.address;
  const own = new Set<string>(GMAIL.ownNames);
  for (const el of Array.from(doc.querySelectorAll(GMAIL.person)).slice(0, MAX_PEOPLE_SCANNED)) {
    if (own.has((el.getAttribute('name') ?? '').trim().toLowerCase())) {
      const person = personOf(el);
      if (person) return person.address;
    }
  }
  return null;
}

/** The message of the thread that is read: the last one shown expanded (with its body), else the last one. */
function openMessageElement(main: ParentNode): { element: Element; body: Element | null } | null {
  const messages = Array.from(main.querySelectorAll(GMAIL.message)).slice(-MAX_MESSAGES);
  // Nested matches (an element with both attributes inside another) count once: keep the outermost.
  const outer = messages.filter((m) => !messages.some((o) => o !== m && o.contains(m)));
  for (let i = outer.length - 1; i >= 0; i--) {
    const body = outer[i]!.querySelector(GMAIL.body);
    if (body) return { element: outer[i]!, body };
  }
  const last = outer.at(-1);
  return last ? { element: last, body: null } : null;
}

/** True when the area holds rows of people: a thread list (see GMAIL.listRow). */
function showsThreadList(main: Element): boolean {
  return Array.from(main.querySelectorAll(GMAIL.listRow))
    .slice(0, 50)
    .some((row) => row.querySelector(GMAIL.person) !== null);
}

function gmailMessageId(el: Element): string | null {
  const legacy = el.getAttribute(GMAIL.legacyMessageIdAttr)?.trim();
  if (legacy) return `gmail:${legacy}`;
  const id = el.getAttribute(GMAIL.messageIdAttr)?.trim().replace(/^#/, '');
  return id ? `gmail:${id}` : null;
}

function threadToken(url: string): string | null {
  try {
    return GMAIL_THREAD_HASH.exec(new URL(url).hash)?.[1] ?? null;
  } catch {
    return null;
  }
}

/** What the adapter can tell about a Gmail page that shows no open message (a thread list). */
export interface GmailPageSummary {
  view: 'message' | 'thread-list' | 'other';
  accountEmail: string | null;
  /** People shown in a thread list, each once. */
  listPeople: MailPerson[];
}

/** A look at the page without reading a message: which view it is, whose account, who is listed. */
export function summarizeGmailPage(doc: Document, url: string): GmailPageSummary {
  const main = doc.querySelector(GMAIL.main);
  const accountEmail = gmailAccountEmail(doc);
  if (main?.querySelector(GMAIL.message) || (main && threadToken(url) && !showsThreadList(main))) {
    return { view: 'message', accountEmail, listPeople: [] };
  }
  const listPeople: MailPerson[] = [];
  if (main) {
    const rows = Array.from(main.querySelectorAll(GMAIL.listRow)).slice(0, 500);
    for (const row of rows)
      addPeople(listPeople, Array.from(row.querySelectorAll(GMAIL.person)).slice(0, 20).map(personOf));
  }
  return { view: listPeople.length > 0 ? 'thread-list' : 'other', accountEmail, listPeople };
}

/**
 * Reads the open message in Gmail: through the `email`/`name` person attributes, the message id
 * attributes and the subject heading's thread ids; when those are missing but a thread is open
 * (the route names one), through generic extraction of the conversation area (`fallback`).
 */
export function readGmailMessage(doc: Document, url: string): OpenMessage | null {
  const main = doc.querySelector(GMAIL.main) ?? doc.body;
  if (!main) return null;
  const accountEmail = gmailAccountEmail(doc);
  const open = openMessageElement(main);
  const subjectEl = doc.querySelector(GMAIL.subject);

  if (open) {
    const { element, body } = open;
    const inBody = (el: Element) => body?.contains(el) ?? false;
    const senderEl = element.querySelector(GMAIL.senderPerson);
    const sender = senderEl && !inBody(senderEl) ? personOf(senderEl) : null;
    if (sender) {
      const recipients: MailPerson[] = [];
      const people = Array.from(element.querySelectorAll(GMAIL.person)).slice(0, MAX_PEOPLE_SCANNED);
      addPeople(
        recipients,
        people.filter((el) => el !== senderEl && !inBody(el) && !el.closest('h3')).map(personOf),
      );
      const header = Array.from(element.querySelectorAll(GMAIL.dated)).filter((el) => !inBody(el));
      const message = checked({
        site: 'gmail',
        // The body is the one part read through a class (see gmail-selectors.ts); without it the
        // read is not the known markup any more, and the rep is told.
        path: body ? 'attributes' : 'fallback',
        sender,
        recipients,
        subject: lineText(subjectEl ?? main.querySelector('h2'), 500),
        date: firstDate(header, pageLocale(doc)),
        messageId: gmailMessageId(element),
        bodyText: visibleText(body ?? element),
        accountEmail,
        pageUrl: url,
      });
      if (message) return message;
    }
  }

  // The known attributes are gone, but a thread is open: read the conversation area generically.
  const token = threadToken(url);
  if (!open && !token && !subjectEl) return null;
  // The route changes before the page does: a thread list still on screen is not a message.
  if (!open && !subjectEl && showsThreadList(main)) return null;
  return readByFallback(open?.element ?? main, {
    site: 'gmail',
    doc,
    url,
    accountEmail,
    messageId: open ? gmailMessageId(open.element) : token ? `gmail:thread:${token}` : null,
  });
}

export const gmailAdapter: WebmailAdapter = {
  site: 'gmail',
  fingerprint(doc, url) {
    const main = doc.querySelector(GMAIL.main);
    const open = main ? openMessageElement(main) : null;
    return [
      url,
      open ? gmailMessageId(open.element) : '',
      open?.body?.textContent?.length ?? 0,
      doc.querySelector(GMAIL.subject)?.textContent ?? '',
      main?.querySelectorAll(GMAIL.person).length ?? 0,
    ].join('|');
  },
  read: readGmailMessage,
};
