import { type MailPerson, type OpenMessage, parseAddressList, type WebmailSite } from '@keepcard/shared';
import { lineText, visibleText } from './visible-text';
import { addPeople, checked, firstDate, firstOf, pageLocale } from './webmail-adapter';

/** How much of the message area the fallback reads for addresses: a header is at the top. */
const HEADER_CHARS = 20_000;
const MAX_LINKS = 200;

/**
 * Generic extraction, for when a site's markup is no longer the one its adapter knows: people from
 * `mailto:` links and from addresses in the visible text (the first in the area is taken as the
 * sender, as headers put From first; the others as recipients), the first heading as the subject, the first readable date, the area's
 * text as the body. Site-independent and deliberately simple; the result is marked `fallback` so
 * the rep is told to check it.
 */
export function readByFallback(
  root: Element,
  opts: {
    site: WebmailSite;
    doc: Document;
    url: string;
    accountEmail: string | null;
    messageId: string | null;
  },
): OpenMessage | null {
  // Addresses in the text first, in reading order (a header's From comes before its To and before
  // the body); mailto: links then add the people the text did not show, and names it left out.
  const text = visibleText(root);
  const people: MailPerson[] = addPeople([], parseAddressList(text.slice(0, HEADER_CHARS)));
  const links = Array.from(root.querySelectorAll('a[href^="mailto:" i]')).slice(0, MAX_LINKS);
  for (const link of links) {
    const [person] = parseAddressList(link.getAttribute('href') ?? '', 1);
    if (!person) continue;
    const name = lineText(link, 200);
    const known = people.find((p) => p.address === person.address);
    if (known && !known.name && name && !name.includes('@')) known.name = name;
    if (!known) addPeople(people, [name && !name.includes('@') ? { name, address: person.address } : person]);
  }
  // In a message's header the sender comes first (From, then To and Cc), also when it is the rep.
  const sender = people[0];
  if (!sender) return null;
  const heading = firstOf(root, ['[role="heading"]', 'h1', 'h2', 'h3']);
  return checked({
    site: opts.site,
    path: 'fallback',
    sender,
    recipients: people.filter((p) => p !== sender),
    subject: lineText(heading, 500),
    date: firstDate(root.querySelectorAll('time, [title], [datetime]'), pageLocale(opts.doc)),
    messageId: opts.messageId,
    bodyText: text,
    accountEmail: opts.accountEmail,
    pageUrl: opts.url,
  });
}
