import { type MailPerson, type OpenMessage, parseAddressList } from '@keepcard/shared';
import { readByFallback } from './fallback-reader';
import { OUTLOOK, OUTLOOK_ITEM_ROUTE, OUTLOOK_READING_PANE } from './outlook-selectors';
import { lineText, visibleText } from './visible-text';
import {
  addPeople,
  checked,
  firstDate,
  firstOf,
  pageLocale,
  personFrom,
  type WebmailAdapter,
} from './webmail-adapter';

const MAX_LABELLED = 300;
/** Levels walked up from a body to the message that holds its header. */
const MAX_LEVELS = 15;

/** The rep's own address, when the page shows it (see outlook-selectors.ts). */
export function outlookAccountEmail(doc: Document): string | null {
  for (const selector of OUTLOOK.account) {
    for (const el of Array.from(doc.querySelectorAll(selector)).slice(0, 5)) {
      const [person] = parseAddressList(`${el.getAttribute('title') ?? ''} ${lineText(el, 300)}`, 1);
      if (person) return person.address;
    }
  }
  return null;
}

/** Message bodies that are read, not written: a compose editor has the same role but is editable. */
function readBodies(pane: Element): Element[] {
  return Array.from(pane.querySelectorAll(OUTLOOK.body))
    .slice(0, 50)
    .filter((el) => !el.closest('[contenteditable="true"], [contenteditable=""]'));
}

function labelled(root: Element, label: RegExp): Element[] {
  return Array.from(root.querySelectorAll(OUTLOOK.headerLabel))
    .slice(0, MAX_LABELLED)
    .filter((el) => label.test(el.getAttribute('aria-label') ?? ''));
}

/** The message element around a body: the nearest ancestor that also holds a "From:" header. */
function messageRoot(body: Element, pane: Element): Element {
  let el: Element | null = body.parentElement;
  for (let level = 0; el && level < MAX_LEVELS; level++, el = el.parentElement) {
    if (labelled(el, OUTLOOK.fromLabel).length > 0) return el;
    if (el === pane) break;
  }
  return body.closest(OUTLOOK.messageLabel) ?? pane;
}

/** People in a header element: "Name<address>" in its text, and chips with the address in `title` and the name as text. */
function peopleIn(el: Element): MailPerson[] {
  const titled = [el, ...Array.from(el.querySelectorAll(OUTLOOK.addressAttr)).slice(0, 100)].filter((e) =>
    (e.getAttribute('title') ?? '').includes('@'),
  );
  const fromTitles = titled.map((e) =>
    personFrom(e.getAttribute('title'), e === el ? null : lineText(e, 200)),
  );
  return addPeople(parseAddressList(lineText(el, 5_000)), fromTitles);
}

/** The sender: the "From:" header's person, named as the label names them when the text has no name. */
function senderOf(root: Element, doc: Document): MailPerson | null {
  for (const from of labelled(root, OUTLOOK.fromLabel)) {
    const [person] = peopleIn(from);
    const labelName = (from.getAttribute('aria-label') ?? '').replace(OUTLOOK.fromLabel, '').trim();
    if (person) return person.name ? person : personFrom(person.address, labelName);
  }
  // The header shows a name only (a sender inside the rep's organisation): the selected row of the
  // message list has the sender's address in a title.
  const row = doc.querySelector(OUTLOOK.selectedRow);
  const titled = row?.querySelector(OUTLOOK.addressAttr);
  return titled ? personFrom(titled.getAttribute('title'), lineText(titled, 200)) : null;
}

function outlookMessageId(doc: Document, root: Element, url: string, date: number | null): string | null {
  try {
    const route = OUTLOOK_ITEM_ROUTE.exec(new URL(url).pathname)?.[1];
    if (route) return `outlook:${decodeURIComponent(route)}`;
  } catch {
    // not a url: try the page's attributes
  }
  const item = root.closest(`[${OUTLOOK.itemIdAttr}]`) ?? root.querySelector(`[${OUTLOOK.itemIdAttr}]`);
  const itemId = item?.getAttribute(OUTLOOK.itemIdAttr)?.trim();
  if (itemId) return `outlook:${itemId}`;
  // A conversation id names the thread, not the message: with the date it names the message.
  const conv = doc.querySelector(OUTLOOK.selectedRow)?.getAttribute(OUTLOOK.convIdAttr)?.trim();
  return conv ? `outlook:conv:${conv}:${date ?? ''}` : null;
}

/**
 * Reads the open message in Outlook on the web: body by role, sender and recipients by their
 * header labels and the addresses Outlook puts in text and titles, the date by its test id, the
 * item id from the route. When no "From:" header can be found, generic extraction of the reading
 * pane (`fallback`).
 */
export function readOutlookMessage(doc: Document, url: string): OpenMessage | null {
  const pane = firstOf(doc, OUTLOOK_READING_PANE);
  if (!pane) return null;
  // Outlook shows the newest message of a conversation first unless the rep changed it.
  const body = readBodies(pane)[0];
  let routeId = false;
  try {
    routeId = OUTLOOK_ITEM_ROUTE.test(new URL(url).pathname);
  } catch {
    routeId = false;
  }
  if (!body && !routeId) return null;
  const accountEmail = outlookAccountEmail(doc);
  const root = body ? messageRoot(body, pane) : pane;
  const sender = senderOf(root, doc);
  const locale = pageLocale(doc);

  if (body && sender) {
    const recipients: MailPerson[] = [];
    for (const header of labelled(root, OUTLOOK.toLabel)) addPeople(recipients, peopleIn(header));
    const dateEl = root.querySelector(OUTLOOK.date);
    const date = dateEl ? firstDate([dateEl], locale) : null;
    const message = checked({
      site: 'outlook',
      path: 'attributes',
      sender,
      recipients: recipients.filter((r) => r.address !== sender.address),
      subject: lineText(firstOf(pane, OUTLOOK.subject), 500),
      date,
      messageId: outlookMessageId(doc, root, url, date),
      bodyText: visibleText(body),
      accountEmail,
      pageUrl: url,
    });
    if (message) return message;
  }
  return readByFallback(root, {
    site: 'outlook',
    doc,
    url,
    accountEmail,
    messageId: outlookMessageId(doc, root, url, null),
  });
}

export const outlookAdapter: WebmailAdapter = {
  site: 'outlook',
  fingerprint(doc, url) {
    const pane = firstOf(doc, OUTLOOK_READING_PANE);
    const body = pane ? readBodies(pane)[0] : undefined;
    return [
      url,
      body?.textContent?.length ?? 0,
      pane ? labelled(pane, OUTLOOK.fromLabel).length : 0,
      doc.querySelector(OUTLOOK.selectedRow)?.getAttribute(OUTLOOK.convIdAttr) ?? '',
      pane?.querySelector(OUTLOOK.date)?.textContent ?? '',
    ].join('|');
  },
  read: readOutlookMessage,
};
