import type { ListEntry, SortKey } from '@keepcard/shared';
import { type KeyboardEvent, memo, useEffect, useLayoutEffect, useRef, useState } from 'react';
import type { I18n, MessageKey } from '../../i18n';
import type { ListIndex } from '../../list/list-index';
import { CHURN_TONE, TIER_TONE } from '../card/ScoreBadges';
import { Badge } from '../common/ui-kit';
import { useI18n } from '../i18n-context';

/** Fixed row height: virtualisation needs it, and two lines of text fit. */
export const ROW_HEIGHT = 60;
const OVERSCAN = 6;

/** The figure a row shows on its right: the one the list is sorted by, else lifetime value. */
function metric(entry: ListEntry, sortKey: SortKey, i18n: I18n): string {
  const s = entry.scores;
  if (!s) return '';
  switch (sortKey) {
    case 'revenue':
      return i18n.formatMoney(s.revenueInWindowMinor, s.currency);
    case 'churnRisk':
      return i18n.formatPercent(s.churnRisk);
    case 'lastPurchase':
      return s.lastPurchaseAt === null ? '' : i18n.formatDate(s.lastPurchaseAt);
    case 'lastContact':
      return s.lastContactAt === null ? '' : i18n.formatDate(s.lastContactAt);
    case 'nextFollowUp':
      return s.nextFollowUpAt === null ? '' : i18n.formatDate(s.nextFollowUpAt);
    default:
      return i18n.formatMoney(s.lifetimeValueMinor, s.currency);
  }
}

interface Props {
  index: ListIndex;
  slots: Uint32Array;
  sortKey: SortKey;
  selected: ReadonlySet<string>;
  onToggle: (id: string, range: boolean) => void;
  onToggleAll: () => void;
  onOpen: (id: string) => void;
  onEscape: () => void;
  /** Rendered as the listbox's accessible name. */
  label: string;
  /** Changes whenever the result changes (new query): scroll goes back to the top. */
  resultKey: string;
  /** The index's version the result was computed at. */
  version: number;
}

/**
 * The customers as a virtualised listbox: only the rows in view (plus a few) are in the DOM, so a
 * result of 100,000 renders and scrolls like one of 20. Arrow keys, Page Up/Down, Home and End move;
 * Enter opens the card; Space selects; Ctrl+A selects every result; Escape clears the selection.
 */
/**
 * Memoised: a keystroke renders the list once with its new text before the results arrive, and
 * then the rows have nothing new to show. `version` (the index's, at the query) makes a rescore or
 * rename that leaves the same slots render the rows again.
 */
export const CustomerRows = memo(function CustomerRows({
  index,
  slots,
  sortKey,
  selected,
  onToggle,
  onToggleAll,
  onOpen,
  onEscape,
  label,
  resultKey,
}: Props) {
  // (`version` is read by memo's comparison only: a new version renders the rows again.)
  const i18n = useI18n();
  const { t } = i18n;
  const scroller = useRef<HTMLDivElement>(null);
  const [scrollTop, setScrollTop] = useState(0);
  const [height, setHeight] = useState(600);
  const [active, setActive] = useState(0);
  const count = slots.length;

  useLayoutEffect(() => {
    const el = scroller.current;
    if (!el) return;
    setHeight(el.clientHeight || 600);
    if (typeof ResizeObserver === 'undefined') return;
    const observer = new ResizeObserver(() => setHeight(el.clientHeight || 600));
    observer.observe(el);
    return () => observer.disconnect();
  }, []);

  // A new query starts at the top; an update of the same query (a score arrived) keeps the place.
  // biome-ignore lint/correctness/useExhaustiveDependencies: resultKey is the trigger.
  useEffect(() => {
    setActive(0);
    if (scroller.current) scroller.current.scrollTop = 0;
    setScrollTop(0);
  }, [resultKey]);

  const first = Math.max(0, Math.floor(scrollTop / ROW_HEIGHT) - OVERSCAN);
  const last = Math.min(count, Math.ceil((scrollTop + height) / ROW_HEIGHT) + OVERSCAN);
  const activeIndex = Math.min(active, Math.max(0, count - 1));
  const activeEntry = count > 0 ? index.entry(slots[activeIndex]!) : undefined;

  const moveTo = (next: number) => {
    const target = Math.max(0, Math.min(count - 1, next));
    setActive(target);
    const el = scroller.current;
    if (!el) return;
    const top = target * ROW_HEIGHT;
    if (top < el.scrollTop) el.scrollTop = top;
    else if (top + ROW_HEIGHT > el.scrollTop + el.clientHeight)
      el.scrollTop = top + ROW_HEIGHT - el.clientHeight;
  };

  const onKeyDown = (e: KeyboardEvent) => {
    const page = Math.max(1, Math.floor(height / ROW_HEIGHT) - 1);
    const handled = () => {
      e.preventDefault();
      e.stopPropagation();
    };
    if (e.key === 'ArrowDown') {
      handled();
      moveTo(activeIndex + 1);
      if (e.shiftKey && activeEntry)
        onToggle(index.entry(slots[Math.min(count - 1, activeIndex + 1)]!)!.id, false);
    } else if (e.key === 'ArrowUp') {
      handled();
      moveTo(activeIndex - 1);
      if (e.shiftKey && activeEntry) onToggle(index.entry(slots[Math.max(0, activeIndex - 1)]!)!.id, false);
    } else if (e.key === 'PageDown') {
      handled();
      moveTo(activeIndex + page);
    } else if (e.key === 'PageUp') {
      handled();
      moveTo(activeIndex - page);
    } else if (e.key === 'Home') {
      handled();
      moveTo(0);
    } else if (e.key === 'End') {
      handled();
      moveTo(count - 1);
    } else if (e.key === 'Enter' && activeEntry) {
      handled();
      onOpen(activeEntry.id);
    } else if (e.key === ' ' && activeEntry) {
      handled();
      onToggle(activeEntry.id, false);
    } else if (e.key.toLowerCase() === 'a' && (e.ctrlKey || e.metaKey)) {
      handled();
      onToggleAll();
    } else if (e.key === 'Escape') {
      handled();
      onEscape();
    }
  };

  const rows = [];
  for (let i = first; i < last; i++) {
    const entry = index.entry(slots[i]!);
    if (!entry) continue;
    const s = entry.scores;
    const isSelected = selected.has(entry.id);
    const sub =
      [entry.companyName, entry.title].filter(Boolean).join(' · ') ||
      entry.primaryEmail ||
      entry.primaryPhone ||
      '';
    rows.push(
      // The listbox owns focus and keyboard (aria-activedescendant): options are not tab stops.
      // biome-ignore lint/a11y/useKeyWithClickEvents: the listbox handles the keyboard for its options.
      // biome-ignore lint/a11y/useFocusableInteractive: see above; focus stays on the listbox.
      <div
        key={entry.id}
        id={`row-${entry.id}`}
        role="option"
        aria-selected={isSelected}
        aria-posinset={i + 1}
        aria-setsize={count}
        data-testid="customer-row"
        onClick={(e) => {
          setActive(i);
          if (e.shiftKey || e.ctrlKey || e.metaKey) onToggle(entry.id, e.shiftKey);
          else onOpen(entry.id);
        }}
        style={{ position: 'absolute', top: i * ROW_HEIGHT, left: 0, right: 0, height: ROW_HEIGHT }}
        className={`flex cursor-pointer items-center gap-2 border-b border-slate-100 px-3 dark:border-slate-800 ${
          i === activeIndex
            ? 'bg-sky-50 outline-2 -outline-offset-2 outline-sky-600 dark:bg-slate-800 dark:outline-sky-400'
            : 'hover:bg-slate-50 dark:hover:bg-slate-800/60'
        } ${isSelected ? 'bg-sky-100/70 dark:bg-sky-950' : ''}`}
      >
        <input
          type="checkbox"
          tabIndex={-1}
          checked={isSelected}
          aria-label={t('list.selectNamed', { name: entry.displayName })}
          onClick={(e) => e.stopPropagation()}
          onChange={(e) => onToggle(entry.id, (e.nativeEvent as MouseEvent).shiftKey === true)}
          className="h-4 w-4 shrink-0 accent-sky-700"
        />
        <div className="min-w-0 flex-1">
          <div className="flex items-center gap-1.5">
            <span className="truncate text-sm font-medium">{entry.displayName}</span>
            {s && (
              <Badge tone={TIER_TONE[s.tier] ?? 'slate'}>{t(`tier.short.${s.tier}` as MessageKey)}</Badge>
            )}
            {s && s.churnLevel !== 'low' && (
              <Badge tone={CHURN_TONE[s.churnLevel] ?? 'slate'}>
                {t(`churn.level.${s.churnLevel}` as MessageKey)}
              </Badge>
            )}
          </div>
          <div className="truncate text-xs text-slate-600 dark:text-slate-400">{sub}</div>
        </div>
        <div className="shrink-0 text-right text-xs font-medium text-slate-700 dark:text-slate-300">
          {metric(entry, sortKey, i18n)}
        </div>
      </div>,
    );
  }

  return (
    <div
      ref={scroller}
      role="listbox"
      tabIndex={0}
      aria-label={label}
      aria-multiselectable="true"
      aria-activedescendant={activeEntry ? `row-${activeEntry.id}` : undefined}
      onKeyDown={onKeyDown}
      onScroll={(e) => setScrollTop(e.currentTarget.scrollTop)}
      className="relative min-h-32 flex-1 overflow-y-auto focus:outline-none focus-visible:ring-2 focus-visible:ring-inset focus-visible:ring-sky-500"
      data-testid="customer-list"
    >
      <div style={{ height: count * ROW_HEIGHT, position: 'relative' }}>{rows}</div>
    </div>
  );
});
