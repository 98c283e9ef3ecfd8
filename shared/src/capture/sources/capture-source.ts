import type { CaptureSourceId } from '../captured-contact';
import type { Finding } from '../finding';
import type { CaptureNote, PageScan } from '../html/page-scan';

/** What every source is given besides the page: the rep's region for phone numbers, and a place for notes. */
export interface SourceContext {
  /** ISO region for numbers written without a country code (the rep's setting). */
  defaultRegion: string;
  notes: CaptureNote[];
}

/**
 * One way contacts are written in a page (JSON-LD, microformats, mailto links...). Each source
 * reads the shared page scan and returns its findings; `extractContactsFromHtml` merges them.
 * A source must not throw on any input; if it does, the extractor notes it and goes on without it.
 */
export interface CaptureSource {
  id: CaptureSourceId;
  extract(scan: PageScan, ctx: SourceContext): Finding[];
}
