import { resolveWebUrl } from '../clean-values';
import { emptyFinding, type Finding } from '../finding';
import type { CaptureSource } from './capture-source';
import { visibleName } from './contact-links';

/**
 * Links to `.vcf` cards (or `type="text/vcard"`): the url is recorded on the contact it belongs
 * to, for the adapter to fetch and read with `parseVCards`. A link inside a person's card joins
 * that person; one elsewhere becomes a contact of its own, named by what the page shows with it.
 */
export const vcfLinksSource: CaptureSource = {
  id: 'vcf-links',
  extract(scan) {
    const findings: Finding[] = [];
    for (const hit of scan.hits) {
      if (hit.kind !== 'vcf') continue;
      const url = resolveWebUrl(hit.value, scan.baseUrl);
      if (!url) continue;
      const f = emptyFinding('vcf-links');
      f.at = hit.at;
      f.vcardUrls = [url];
      // "Download Li Wei's vCard" names Li Wei; a bare "vCard" names no one.
      const label = hit.label?.replace(/['’]s\s+v-?card\b.*$|\(?\bv-?card\)?|\.vcf\b/gi, ' ');
      const name = visibleName({ ...hit, ...(label !== undefined && { label }) });
      if (name) f.name = name;
      findings.push(f);
    }
    return findings;
  },
};
