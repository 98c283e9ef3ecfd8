// Conformance: the saved real Gmail page (InboxSDK's fixtures, MIT or Apache-2.0) and Gmail add-on
// sidebar markup. Reading people from Gmail's `email` / `name` attributes is the webmail adapter's
// job; the generic extractor must not crash on the page and should find what generic markup gives
// (mailto: links, addresses in the text). The page has no mailto: link, so the figure reported for
// the attributed people is a measurement of the fallback path, not a target.
import { readFileSync } from 'node:fs';
import { describe, expect, test } from 'vitest';
import { corpusPath, hasCorpus } from '../../test-support/corpora';
import { CapturedContact } from '../captured-contact';
import { extractPageContacts } from '../extract-contacts-from-html';

const PAGES = [
  ['__tests__', 'injected-thread-identifier.html'],
  ['test', 'data', 'gmail-2017-06-22-gmail-addon-sidebar.html'],
  ['test', 'data', 'gmail-2017-09-08-gmail-addon-sidebar.html'],
];

describe.skipIf(!hasCorpus('gmail'))('conformance: saved Gmail pages', () => {
  test.each(PAGES)('%s/%s: no crash; contacts valid; generic fallback measured', (...parts) => {
    const html = readFileSync(corpusPath('gmail', 'inboxsdk-gmail-fixtures', ...parts), 'utf8');
    const started = performance.now();
    const { contacts, notes } = extractPageContacts(html, 'https://mail.google.com/mail/u/0/#inbox');
    const ms = performance.now() - started;
    for (const contact of contacts) expect(CapturedContact.safeParse(contact).success).toBe(true);

    const attributed = new Map<string, string>();
    for (const m of html.matchAll(/\bemail="([^"]+)"\s+name="([^"]*)"/g))
      attributed.set(m[1]!.toLowerCase(), m[2]!);
    const found = new Set(contacts.flatMap((c) => c.emails.map((e) => e.address)));
    const recovered = [...attributed.keys()].filter((e) => found.has(e));
    console.log(
      `${parts.at(-1)}: ${html.length} chars in ${ms.toFixed(1)} ms; ${contacts.length} contacts ` +
        `(${contacts.map((c) => `${c.name ?? '?'} <${c.emails[0]?.address ?? c.phones[0]?.raw ?? ''}>`).join(', ')}); ` +
        `people in email/name attributes: ${attributed.size}, of which found by generic extraction: ${recovered.length}; ` +
        `notes: ${notes.map((n) => n.code).join(', ') || 'none'}`,
    );
    // Every address in the page's text or links that is found is a real one of the page.
    for (const address of found) expect(html.toLowerCase()).toContain(address);
  });
});
