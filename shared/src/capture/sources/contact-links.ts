import { emailsIn, phoneIn } from '../clean-values';
import { emptyFinding, type Finding } from '../finding';
import type { ContactHit } from '../html/page-scan';
import { nameFromLabel } from '../visible-names';
import type { CaptureSource } from './capture-source';

/**
 * The name shown with a link: its own text ("Li Wei"), else its title or aria-label, else the one
 * name of the card around it (a heading beside an "Email" button).
 */
export function visibleName(hit: ContactHit): string | undefined {
  return nameFromLabel(hit.label) ?? nameFromLabel(hit.hint) ?? hit.context;
}

/** `mailto:` and `tel:` links, with the name shown with them. */
export const contactLinksSource: CaptureSource = {
  id: 'contact-links',
  extract(scan, ctx) {
    const findings: Finding[] = [];
    for (const hit of scan.hits) {
      if (hit.kind !== 'mailto' && hit.kind !== 'tel') continue;
      const f = emptyFinding('contact-links');
      f.at = hit.at;
      if (hit.kind === 'mailto') {
        f.emails = emailsIn(hit.value).map((address) => ({ address, label: 'work' as const }));
      } else {
        const phone = phoneIn(hit.value, ctx.defaultRegion);
        if (phone) f.phones = [phone];
      }
      if (!f.emails.length && !f.phones.length) continue;
      const name = visibleName(hit);
      if (name) f.name = name;
      findings.push(f);
    }
    return findings;
  },
};
