// The match keys of names, emails and organisations, apart from the phone keys (libphonenumber) and
// the schemas: the extension's database layer needs them on every side-panel load.
import { isCjkName } from '../names';

/** Emails match lower-cased and trimmed. */
export const emailKey = (address: string): string => address.trim().toLowerCase();

/**
 * The key two names match by: case-folded, spaces collapsed; CJK names without spaces
 * (王 小明 = 王小明), since spacing in Chinese names is a matter of typing, not of identity.
 */
export function nameKey(name: string): string {
  const folded = name.normalize('NFKC').trim().toLowerCase().replace(/\s+/g, ' ');
  return isCjkName(folded) ? folded.replace(/\s/g, '') : folded;
}

/** The key two organisations match by: case-folded, punctuation and legal-form suffixes dropped. */
export function organizationKey(name: string): string {
  return name
    .normalize('NFKC')
    .toLowerCase()
    .replace(/[.,()（）]/g, ' ')
    .replace(/\b(inc|ltd|llc|gmbh|ag|sarl|sas|s\.?a|co|corp|corporation|company|limited|plc)\b/g, ' ')
    .replace(/(有限责任公司|股份有限公司|有限公司|集团|公司)$/u, '')
    .replace(/\s+/g, ' ')
    .trim();
}
