import type { CaptureSource } from './capture-source';
import { contactLinksSource } from './contact-links';
import { jsonLdSource } from './json-ld';
import { microdataSource } from './microdata';
import { microformatsSource } from './microformats';
import { pageMetadataSource } from './page-metadata';
import { rdfaSource } from './rdfa';
import { textEmailsSource } from './text-emails';
import { vcfLinksSource } from './vcf-links';

/**
 * Every HTML capture source, by id. The order is the order of trust: when two sources give a
 * contact different names or titles, the earlier one's value is shown and the other is kept as an
 * alternate. Explicit markup comes first; what is read from visible text and page metadata last.
 */
export const HTML_CAPTURE_SOURCES = {
  'json-ld': jsonLdSource,
  microdata: microdataSource,
  rdfa: rdfaSource,
  microformats: microformatsSource,
  'contact-links': contactLinksSource,
  'vcf-links': vcfLinksSource,
  'text-emails': textEmailsSource,
  'page-metadata': pageMetadataSource,
} as const satisfies Record<string, CaptureSource>;

export type HtmlCaptureSourceId = keyof typeof HTML_CAPTURE_SOURCES;
