import { emailsIn } from '../clean-values';
import { emptyFinding, type Finding } from '../finding';
import type { CaptureSource } from './capture-source';

/**
 * Email addresses written as plain text ("Contact: li.wei@acme.cn"), common on company pages that
 * do not link them, with the one name of the card around them. Script and style text is not read.
 */
export const textEmailsSource: CaptureSource = {
  id: 'text-emails',
  extract(scan) {
    const findings: Finding[] = [];
    for (const hit of scan.hits) {
      if (hit.kind !== 'text-email') continue;
      const [address] = emailsIn(hit.value);
      if (!address) continue;
      const f = emptyFinding('text-emails');
      f.at = hit.at;
      f.emails = [{ address, label: 'work' }];
      if (hit.context) f.name = hit.context;
      findings.push(f);
    }
    return findings;
  },
};
