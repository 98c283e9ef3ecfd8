import type { ImportRowError } from '@keepcard/shared';
import { type I18n, isMessageKey } from '../../i18n';
import { fieldLabel, validationReason } from '../common/error-text';

/** An import field's name as the rep sees it ("Mobile", "手机"), or a record field's. */
export function importFieldLabel(field: string, i18n: I18n): string {
  const key = `transfer.field.${field}`;
  return isMessageKey(key) ? i18n.t(key) : fieldLabel(field, i18n);
}

/** Why a row was not imported, in the UI's language, naming the field. */
export function importErrorText(error: ImportRowError, i18n: I18n): string {
  const field = error.column ?? importFieldLabel(error.field, i18n);
  const key = `transfer.error.${error.code}`;
  if (!isMessageKey(key)) return error.message;
  return i18n.t(key, { field, reason: validationReason(error.reason, i18n) });
}
