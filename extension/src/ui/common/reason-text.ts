import type { ScoreReason } from '@keepcard/shared';
import type { StoredReason } from '../../db/score-detail';
import { type I18n, isMessageKey } from '../../i18n';

/** A reason from scoring (with its English text) or as a score page stores it (code and params). */
type AnyReason = ScoreReason | StoredReason;

/**
 * A score's reason in the UI's language: the catalog's `reason.<code>` message filled with the
 * reason's params (amounts in minor units formatted as money, instants as dates), or the English
 * `text` scoring wrote when the catalog has no message for the code (a newer scoring version), or
 * failing that its code and params.
 */
/** True when the catalog has a message for the reason's code (otherwise its English text shows). */
export function isTranslatedReason(reason: AnyReason): boolean {
  return isMessageKey(`reason.${reason.code}`);
}

export function reasonText(reason: AnyReason, i18n: I18n, fallbackCurrency = 'CNY'): string {
  const key = `reason.${reason.code}`;
  if (!isMessageKey(key))
    return reason.text !== undefined
      ? reason.text
      : `${reason.code} ${Object.entries(reason.params)
          .map(([name, value]) => `${name}=${value}`)
          .join(' ')}`.trim();
  const currency = typeof reason.params.currency === 'string' ? reason.params.currency : fallbackCurrency;
  const params: Record<string, string | number> = {};
  for (const [name, value] of Object.entries(reason.params)) {
    if (name.endsWith('Minor') && typeof value === 'number') params[name] = i18n.formatMoney(value, currency);
    else if (name === 'at' && typeof value === 'number') params[name] = i18n.formatDate(value);
    else params[name] = value;
  }
  return i18n.t(key, params);
}
