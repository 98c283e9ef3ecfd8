import { emailsIn, phoneIn } from '../clean-values';
import { emptyFinding, type Finding } from '../finding';
import type { ContactHit } from '../html/page-scan';
import { nameFromLabel } from '../visible-names';
import type { CaptureSource } from './capture-source';

/**
 * The name shown with a link: its own text ("Li Wei"), else its title or aria-label, else the one
 * name of the card around it (a heading beside an "Email" button).
 */
export function visibleName(
  hit: ContactHit,
  readName: (label: string | undefined) => string | undefined = nameFromLabel,
): string | undefined {
  return readName(hit.label) ?? readName(hit.hint) ?? hit.context;
}

/** `nameFromLabel`, remembered per label: a team page repeats "Email" and "Call" hundreds of times. */
function rememberedNames(): (label: string | undefined) => string | undefined {
  const names = new Map<string, string | undefined>();
  return (label) => {
    if (label === undefined) return undefined;
    if (names.has(label)) return names.get(label);
    const name = nameFromLabel(label);
    names.set(label, name);
    return name;
  };
}

/** `mailto:` and `tel:` links, with the name shown with them. */
export const contactLinksSource: CaptureSource = {
  id: 'contact-links',
  extract(scan, ctx) {
    const findings: Finding[] = [];
    const readName = rememberedNames();
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
      const name = visibleName(hit, readName);
      if (name) f.name = name;
      findings.push(f);
    }
    return findings;
  },
};
