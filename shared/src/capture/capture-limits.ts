/**
 * The bounds that keep capture fast and safe on hostile or huge input. Past a bound, the rest is
 * skipped and a note says so: nothing throws and nothing runs away. Numbers were chosen so that
 * real pages and address-book exports fit well inside them (a Gmail page is 2–5 MB, of which the
 * markup worth reading is a small part; a 5,000-contact export with photos is ~30 MB).
 */
export const CAPTURE_LIMITS = {
  /** HTML characters read; a longer page is cut (most of a 5 MB page is inline script). */
  maxHtmlChars: 6_000_000,
  /**
   * Element nesting tracked; deeper elements count as part of the deepest tracked one. Browsers
   * cap their own parse tree the same way (Blink at 512), and it keeps every later walk shallow.
   */
  maxDepth: 256,
  /** A structured region (an h-card, itemscope or typeof element) larger than this is skipped. */
  maxRegionChars: 512_000,
  /** Structured regions read per page and per kind. */
  maxRegions: 300,
  /** JSON-LD scripts read per page, and the size of each. */
  maxJsonLdScripts: 50,
  maxJsonLdChars: 1_000_000,
  /** schema.org nodes visited per page (JSON-LD, microdata and RDFa together) and their depth. */
  maxSchemaNodes: 5_000,
  maxSchemaDepth: 32,
  /** mailto:/tel:/.vcf links and plain-text emails read per page. */
  maxLinks: 2_000,
  /** Contacts returned per page. */
  maxContacts: 500,
  /** Text collected for one name candidate or link label. */
  maxLabelChars: 300,
  /** vCard input characters, cards per file, characters and properties per card. */
  maxVCardFileChars: 50_000_000,
  maxVCards: 20_000,
  maxCardChars: 4_000_000,
  maxCardProperties: 2_000,
  /** Embedded photo size (base64 characters). */
  maxPhotoBase64Chars: 1_500_000,
  /** Values per list field of one contact (matches the Contact schema's own limit). */
  maxValuesPerField: 50,
} as const;
