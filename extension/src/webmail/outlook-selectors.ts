// Outlook on the web's markup (outlook.office.com, outlook.live.com, outlook.office365.com), in one
// place. Its class names are generated per build ("OZZZK", "_2ELnTBajF7jzj_m_hoj3Xt"); the adapter
// uses ids, `data-*` attributes, ARIA roles and labels, and each selector says where it was seen.
// No saved real Outlook page was available: these come from public code that reads today's Outlook
// on the web (read to learn, nothing copied) and Microsoft's own automation ids. When Outlook
// changes one, this file and test/fixtures/webmail/outlook-message.html are what to update.

/** Reading-pane roots, most specific first. */
export const OUTLOOK_READING_PANE = [
  // The reading pane's container id, and its ARIA region ("Reading Pane" / "阅读窗格").
  '#ReadingPaneContainerId',
  'div[role="region"][aria-label*="Reading" i]',
  'div[role="region"][aria-label*="阅读"]',
  // The read/compose section of the new Outlook (data-app-section names app areas and is stable).
  '[data-app-section="MailReadCompose"]',
  'div[role="main"]',
  'main',
] as const;

export const OUTLOOK = {
  /**
   * The body of a message: `role="document"` with `aria-label="Message body"` ("邮件正文" in
   * Chinese). The label is localised, the role is not, so the role is what is matched; a compose
   * editor has the same role and is editable, so editable ones are left out.
   */
  body: '[role="document"]',

  /**
   * One message of the conversation: the element labelled "Email message" in English Outlook.
   * Localised too; the adapter walks up from the body to the nearest ancestor that also holds the
   * sender instead of matching the label.
   */
  messageLabel: '[aria-label="Email message"]',

  /**
   * The sender: an element whose `aria-label` starts "From:" (发件人:, Von:, De :…), whose text is
   * "Name<address>" for senders outside the organisation, or "Name" alone inside it. Seen in public
   * Outlook readers as `[aria-label^="From:"]` and `[aria-label^="发件人:"]`.
   */
  headerLabel: '[aria-label]',
  fromLabel: /^(?:from|发件人|寄件者|von|de|da|van|от)\s*[:：]/i,
  toLabel: /^(?:to|cc|收件人|抄送|收件者|副本|an|à|para|a|aan|кому)\s*[:：]/i,

  /**
   * Elements that carry an address in `title`: public Outlook readers find the sender of a message
   * list row as `span[title*="@"]`, and the header's persona and recipient chips the same way.
   */
  addressAttr: '[title*="@"]',

  /** The date of a message: `data-testid="SentReceivedSavedTime"`, its full date in `title`. */
  date: '[data-testid="SentReceivedSavedTime"]',

  /** The subject: an element whose id ends "_SUBJECT", else the reading pane's first heading. */
  subject: [
    '[id$="_SUBJECT"]:not(input)',
    '[role="heading"][aria-level="2"]',
    '[role="heading"]',
    'h1',
    'h2',
  ],

  /**
   * Message ids. The route of an opened item is "/mail/<folder>/id/<url-encoded item id>"; the
   * message list's rows carry the conversation id in `data-convid` (the selected one has
   * `aria-selected="true"`), and some builds put the item id in `data-itemid`.
   */
  itemIdAttr: 'data-itemid',
  selectedRow: '[data-convid][aria-selected="true"]',
  convIdAttr: 'data-convid',

  /**
   * The rep's own account: the secondary line of Microsoft's account manager ("me control",
   * `mectrl_*` ids, present once the rep has opened it) and the folder pane's mailbox node, whose
   * `title` is the mailbox address. Neither is certain to be in the page: then the direction of a
   * message cannot be told and the card says so.
   */
  account: ['#mectrl_currentAccount_secondary', '[role="tree"] [role="treeitem"][title*="@"]'],
} as const;

/** The item id in an Outlook route: "/mail/inbox/id/AAQkAD…", "/mail/0/id/…", "/mail/deeplink/read/…". */
export const OUTLOOK_ITEM_ROUTE = /\/mail\/(?:[^/]+\/)*?(?:id|read)\/([^/?#]+)/;
