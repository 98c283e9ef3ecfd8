import type { SegmentFilter } from '@keepcard/shared';
import { type I18n, isMessageKey } from '../../i18n';
import { validationReason } from '../common/error-text';
import { Alert, buttonClass } from '../common/ui-kit';
import { useI18n } from '../i18n-context';
import type { ListLink } from './list-link';

/** Why a link's filter was refused, in the UI's language where the reason is a known one. */
function problemReason(reason: string, i18n: I18n): string {
  if (reason === 'not-json') return i18n.t('dashboard.link.notJson');
  if (reason === 'missing') return i18n.t('dashboard.link.missing');
  if (/^Invalid (option|input)/.test(reason)) return i18n.t('dashboard.link.unknownValue');
  if (/^Unrecognized key/.test(reason)) return i18n.t('dashboard.link.unknownCriterion');
  return validationReason(reason, i18n);
}

/** The filter criterion a problem is about, named as the filter panel names it. */
function problemField(field: string | undefined, i18n: I18n): string {
  const head = field?.split('.')[0];
  if (!head || head === 'filter') return i18n.t('dashboard.link.filterField');
  const key = `filter.${head}`;
  return isMessageKey(key) ? i18n.t(key) : head;
}

/**
 * What a list opened from a link shows above the results: where the filter came from (while it is
 * still the one applied), or why the link's filter was refused.
 */
export function ListLinkNotice({
  link,
  filter,
  onShowAll,
}: {
  link: ListLink | undefined;
  /** The filter the list applies now: the caption goes once the rep changes it. */
  filter: SegmentFilter;
  onShowAll: () => void;
}) {
  const i18n = useI18n();
  const { t } = i18n;
  if (!link) return null;
  if (!link.ok)
    return (
      <div className="mx-3 mt-2" data-testid="list-link-invalid">
        <Alert>
          {t('dashboard.link.invalid', {
            field: problemField(link.problem.field, i18n),
            reason: problemReason(link.problem.reason, i18n),
          })}
        </Alert>
      </div>
    );
  if (filter !== link.filter) return null;
  return (
    <div
      className="mx-3 mt-2 flex items-center gap-2 rounded border border-sky-200 bg-sky-50 px-2 py-1 text-xs text-sky-950 dark:border-sky-800 dark:bg-sky-950 dark:text-sky-100"
      data-testid="list-link-notice"
    >
      <span className="flex-1">{t('dashboard.link.applied', { label: link.label ?? '' })}</span>
      <button type="button" className={`${buttonClass} px-1.5 py-0.5 text-xs`} onClick={onShowAll}>
        {t('dashboard.link.showAll')}
      </button>
    </div>
  );
}
