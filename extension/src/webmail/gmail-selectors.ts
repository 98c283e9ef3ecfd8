// Gmail's markup, in one place. Gmail's class names are generated and change; the adapter prefers
// attributes and ARIA roles, and each selector says where it was seen. When Gmail changes one of
// these, this file and test/fixtures/webmail/gmail-message.html are what to update.
//
// Sources:
//  [corpus]  the saved real Gmail page in ../shared/corpora/gmail/inboxsdk-gmail-fixtures
//            (__tests__/injected-thread-identifier.html, a thread list of Dec 2014);
//  [libs]    the attributes that InboxSDK's and gmail.js's public code read (message ids, the
//            `email`/`name` person attributes, the thread heading's ids);
//  [public]  public extension code reading today's Gmail, searched for the current markup
//            (read to learn, nothing copied).

export const GMAIL = {
  /** The conversation area. [corpus] `div[role="main"]` around the thread list; [public] the same around an open thread. */
  main: '[role="main"]',

  /**
   * One message of an open thread. [libs][public] `data-message-id` ("#msg-f:1790…", "#msg-a:r…")
   * and `data-legacy-message-id` (the hex id the Gmail API uses) on the message's element.
   */
  message: '[data-message-id], [data-legacy-message-id]',
  messageIdAttr: 'data-message-id',
  legacyMessageIdAttr: 'data-legacy-message-id',

  /**
   * A person: any element with an `email` attribute, its display name in `name`. [corpus]
   * `<span class="zF" email="news@twilio.com" name="Team Twilio">`; [libs][public] the same
   * attributes on the sender (`span.gD`) and recipients (`span.g2`) of an open message.
   */
  person: '[email]',
  /** The sender of a message is the person in the header's heading. [public] `<h3 class="iw"><span email=… name=…>`. */
  senderPerson: 'h3 [email]',

  /**
   * The thread's subject heading, carrying the thread ids. [libs][public]
   * `<h2 data-thread-perm-id="thread-f:…" data-legacy-thread-id="…">Subject</h2>`.
   */
  subject: 'h2[data-thread-perm-id], h2[data-legacy-thread-id]',

  /**
   * The body of a message. The one generated class here: `a3s` has marked the body since the
   * 2012 redesign and is what gmail.js's `dom.email` body and most public Gmail extensions read;
   * `[dir]` children of `.ii` are the body's own markup. When it is missing, the message element's
   * text outside its header is read instead (and the read is reported as the fallback path).
   */
  body: '.a3s, .ii [dir]',

  /**
   * Elements whose `title` is the message's full date ("Mon, Mar 3, 2025, 10:14 AM", or
   * "Thu, Dec 18, 2014 at 12:35 PM" in the [corpus] list). [public] `span.g3[title]` in the header;
   * the adapter tries the titles in the message's header and keeps the first that parses.
   */
  dated: '[title]',

  /**
   * The rep's own account. [public] the account button in Gmail's bar has
   * `aria-label="Google Account: Name (address)"` and links to accounts.google.com; the window
   * title is "Inbox (3) - address - Gmail". [corpus] in a thread list, the rep's own messages show
   * as `email="…" name="me"` (localised: 我, moi, ich, yo…).
   */
  accountButton: 'a[aria-label*="@"][href*="accounts.google.com"], header [aria-label*="@"]',
  ownNames: ['me', '我', 'moi', 'ich', 'yo', 'eu', 'io', '自分', '나'],

  /**
   * A row of a thread list. [corpus] `<tr class="zA zE" tabindex="0" aria-labelledby=":36">` in a
   * table inside `[role="main"]`: the adapter relies on the table row and the `[email]` people in
   * it, not on the classes.
   */
  listRow: '[role="main"] table tr',
} as const;

/**
 * Gmail's hash routes: "#inbox", "#label/Kunden", and with a thread open "#inbox/FMfcgzQ…" or
 * "#search/acme/FMfcgzQ…". [public] the token after the last slash is the thread's.
 */
export const GMAIL_THREAD_HASH = /^#[^/]+(?:\/[^/]+)*\/([A-Za-z0-9_-]{12,})$/;
