import { isSupportedCountry } from 'libphonenumber-js/min';
import { CAPTURE_LIMITS } from './capture-limits';
import type { CapturedContact, CaptureSourceId } from './captured-contact';
import type { Finding } from './finding';
import { type CaptureNote, scanPage } from './html/page-scan';
import { mergeFindings } from './merge-findings';
import type { SourceContext } from './sources/capture-source';
import { HTML_CAPTURE_SOURCES } from './sources/registry';

export type { CaptureNote } from './html/page-scan';

export interface HtmlExtractOptions {
  /**
   * ISO region for phone numbers written without a country code: the rep's setting. Without it,
   * the page's country-code domain (.cn → CN, .de → DE) is used, else US.
   */
  defaultRegion?: string;
}

export interface PageExtraction {
  contacts: CapturedContact[];
  /** What was skipped or cut, and `nothing-found` when the page had no contact at all. */
  notes: CaptureNote[];
}

// Country-code domains that are used as generic ones and say nothing about where a business is.
const GENERIC_CC_TLDS = new Set([
  'io',
  'ai',
  'co',
  'me',
  'tv',
  'cc',
  'ly',
  'fm',
  'am',
  'gg',
  'to',
  'ws',
  'app',
]);

function regionOf(pageUrl: string | undefined): string | undefined {
  if (!pageUrl) return undefined;
  const tld = new URL(pageUrl).hostname.split('.').at(-1)?.toLowerCase() ?? '';
  const region = tld === 'uk' ? 'GB' : tld.toUpperCase();
  return tld.length === 2 && !GENERIC_CC_TLDS.has(tld) && isSupportedCountry(region) ? region : undefined;
}

/**
 * Like `extractContactsFromHtml`, and also says what was skipped (a page cut at the size limit, a
 * broken JSON-LD block) or that nothing was found, for the UI to tell the rep.
 * @example extractPageContacts('<p>nothing here</p>', 'https://acme.cn/').notes[0].code // 'nothing-found'
 */
export function extractPageContacts(
  html: string,
  pageUrl: string,
  opts: HtmlExtractOptions = {},
): PageExtraction {
  const scan = scanPage(typeof html === 'string' ? html : '', pageUrl);
  const region = opts.defaultRegion?.toUpperCase();
  const ctx: SourceContext = {
    defaultRegion: region && isSupportedCountry(region) ? region : (regionOf(scan.pageUrl) ?? 'US'),
    notes: scan.notes,
  };
  const findings: Finding[] = [];
  for (const source of Object.values(HTML_CAPTURE_SOURCES)) {
    try {
      findings.push(...source.extract(scan, ctx));
    } catch (error) {
      // A source must not sink the capture: the others' findings still count.
      ctx.notes.push({
        code: 'source-failed',
        message: `Reading ${source.id} failed (${error instanceof Error ? error.message.slice(0, 200) : 'unknown error'}); the other sources were still read.`,
      });
    }
  }
  let contacts = mergeFindings(findings, {
    ...(scan.pageUrl && { pageUrl: scan.pageUrl }),
    sourceOrder: Object.keys(HTML_CAPTURE_SOURCES) as CaptureSourceId[],
  });
  if (contacts.length > CAPTURE_LIMITS.maxContacts) {
    ctx.notes.push({
      code: 'too-many-contacts',
      message: `The page lists ${contacts.length} contacts; the first ${CAPTURE_LIMITS.maxContacts} were kept.`,
    });
    contacts = contacts.slice(0, CAPTURE_LIMITS.maxContacts);
  }
  if (!contacts.length) {
    ctx.notes.push({
      code: 'nothing-found',
      message:
        'No contact details were found on this page. Select the text with the details and use "Clip selection as contact".',
    });
  }
  return { contacts, notes: ctx.notes };
}

/**
 * The people and organisations on a web page, one contact each, merged across microformats
 * (h-card, hCard), schema.org JSON-LD, microdata and RDFa, mailto:/tel: links with their visible
 * names, email addresses in the text, .vcf links and the page's own metadata. Pure: takes the
 * page's HTML as a string and runs in Node and in the browser. Bounded (see `CAPTURE_LIMITS`):
 * never throws on malformed, huge or deeply nested input.
 * @example
 * extractContactsFromHtml('<a href="mailto:li.wei@acme.cn">王小明</a>', 'https://acme.cn/team', { defaultRegion: 'CN' })
 * // [{ kind: 'person', name: '王小明', familyName: '王', givenName: '小明', emails: [{ address: 'li.wei@acme.cn', label: 'work' }], ... }]
 */
export function extractContactsFromHtml(
  html: string,
  pageUrl: string,
  opts: HtmlExtractOptions = {},
): CapturedContact[] {
  return extractPageContacts(html, pageUrl, opts).contacts;
}
