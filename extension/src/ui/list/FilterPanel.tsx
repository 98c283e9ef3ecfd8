import { AGE_BANDS, type ListEntry, responsibleId, type SegmentFilter } from '@keepcard/shared';
import { type ReactNode, useId, useMemo } from 'react';
import type { MessageKey } from '../../i18n';
import type { ListIndex } from '../../list/list-index';
import { buttonClass, inputClass } from '../common/ui-kit';
import { useI18n } from '../i18n-context';

type ListKey = {
  [K in keyof SegmentFilter]-?: NonNullable<SegmentFilter[K]> extends readonly string[] ? K : never;
}[keyof SegmentFilter];

/** The fixed choices of each enumerated filter, with the catalog prefix of their labels. */
const ENUMS: { key: ListKey; values: readonly string[]; label: MessageKey; prefix: string }[] = [
  { key: 'tiers', values: ['A', 'B', 'C', 'prospect'], label: 'filter.tiers', prefix: 'tier.' },
  {
    key: 'lifecycle',
    values: ['prospect', 'new', 'repeat', 'loyal', 'at-risk', 'churned', 'lost'],
    label: 'filter.lifecycle',
    prefix: 'lifecycle.',
  },
  {
    key: 'churnLevels',
    values: ['low', 'medium', 'high'],
    label: 'filter.churnLevels',
    prefix: 'churn.level.',
  },
  { key: 'frequency', values: ['high', 'low'], label: 'filter.frequency', prefix: 'frequency.' },
  {
    key: 'revenueClass',
    values: ['high', 'mid', 'low'],
    label: 'filter.revenueClass',
    prefix: 'revenueClass.',
  },
  { key: 'closeness', values: ['close', 'loose'], label: 'filter.closeness', prefix: 'closeness.' },
  {
    key: 'genders',
    values: ['female', 'male', 'other', 'unspecified'],
    label: 'filter.genders',
    prefix: 'gender.',
  },
  { key: 'ageBands', values: AGE_BANDS, label: 'filter.ageBands', prefix: 'age.' },
];

type FacetKey = 'countries' | 'regions' | 'cities' | 'tags' | 'owners';

/**
 * Values present in the book for the open-ended filters (countries, tags...), most frequent first:
 * one pass over the entries for all of them.
 */
function facets(entries: Iterable<ListEntry>): Record<FacetKey, string[]> {
  const counts: Record<FacetKey, Map<string, number>> = {
    countries: new Map(),
    regions: new Map(),
    cities: new Map(),
    tags: new Map(),
    owners: new Map(),
  };
  const add = (map: Map<string, number>, v: string | undefined) => {
    if (v) map.set(v, (map.get(v) ?? 0) + 1);
  };
  for (const e of entries) {
    add(counts.countries, e.country);
    add(counts.regions, e.region);
    add(counts.cities, e.city);
    add(counts.owners, responsibleId(e));
    for (const tag of e.tags) add(counts.tags, tag);
  }
  const top = (map: Map<string, number>, limit: number) =>
    [...map]
      .sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0]))
      .slice(0, limit)
      .map(([v]) => v);
  return {
    countries: top(counts.countries, 24),
    regions: top(counts.regions, 24),
    cities: top(counts.cities, 24),
    tags: top(counts.tags, 40),
    owners: top(counts.owners, 12),
  };
}

function Chip({ label, checked, onChange }: { label: string; checked: boolean; onChange: () => void }) {
  return (
    <label
      className={`inline-flex cursor-pointer items-center gap-1 rounded-full border px-2 py-0.5 text-xs has-focus-visible:ring-2 has-focus-visible:ring-sky-500 ${
        checked
          ? 'border-sky-700 bg-sky-700 text-white dark:border-sky-400 dark:bg-sky-600'
          : 'border-slate-300 text-slate-800 hover:bg-slate-50 dark:border-slate-600 dark:text-slate-200 dark:hover:bg-slate-800'
      }`}
    >
      <input type="checkbox" className="sr-only" checked={checked} onChange={onChange} />
      {label}
    </label>
  );
}

function Group({ legend, children }: { legend: string; children: ReactNode }) {
  return (
    <fieldset className="mb-2">
      <legend className="mb-1 text-xs font-semibold text-slate-700 dark:text-slate-300">{legend}</legend>
      <div className="flex flex-wrap gap-1">{children}</div>
    </fieldset>
  );
}

/** Every filter of the seeds' segmentation; filters combine (AND), values within one filter are OR. */
export function FilterPanel({
  index,
  version,
  filter,
  onChange,
  ownerName,
}: {
  index: ListIndex;
  version: number;
  filter: SegmentFilter;
  onChange: (next: SegmentFilter) => void;
  ownerName: (ownerId: string) => string;
}) {
  const { t } = useI18n();
  const rfmId = useId();
  // biome-ignore lint/correctness/useExhaustiveDependencies: version says when the index changed.
  const present = useMemo(() => facets(index.allEntries()), [index, version]);
  const toggle = (key: ListKey, value: string) => {
    const current = (filter[key] ?? []) as string[];
    const next = current.includes(value) ? current.filter((v) => v !== value) : [...current, value];
    onChange({ ...filter, [key]: next.length ? next : undefined });
  };
  const has = (key: ListKey, value: string) => ((filter[key] ?? []) as string[]).includes(value);
  const rfm = (key: 'rfmR' | 'rfmF' | 'rfmM', side: 0 | 1, value: string) => {
    const range: [number, number] = [...(filter[key] ?? [1, 5])] as [number, number];
    range[side] = Number(value);
    if (range[0] > range[1]) range[1 - side] = range[side];
    onChange({ ...filter, [key]: range[0] === 1 && range[1] === 5 ? undefined : range });
  };
  const open = (key: FacetKey, values: string[], label: MessageKey, show = (v: string) => v) =>
    values.length > 0 && (
      <Group legend={t(label)}>
        {values.map((v) => (
          <Chip key={v} label={show(v)} checked={has(key, v)} onChange={() => toggle(key, v)} />
        ))}
      </Group>
    );
  return (
    <div
      className="max-h-[40vh] overflow-y-auto border-b border-slate-200 px-3 py-2 dark:border-slate-700"
      data-testid="filter-panel"
    >
      {ENUMS.map(({ key, values, label, prefix }) => (
        <Group key={key} legend={t(label)}>
          {values.map((v) => (
            <Chip
              key={v}
              label={t(`${prefix}${v}` as MessageKey)}
              checked={has(key, v)}
              onChange={() => toggle(key, v)}
            />
          ))}
        </Group>
      ))}
      <fieldset className="mb-2">
        <legend className="mb-1 text-xs font-semibold text-slate-700 dark:text-slate-300">
          {t('filter.rfm')}
        </legend>
        <div className="grid grid-cols-3 gap-2">
          {(['rfmR', 'rfmF', 'rfmM'] as const).map((key) => (
            <div key={key} className="text-xs">
              <span id={`${rfmId}-${key}`} className="block text-slate-700 dark:text-slate-300">
                {t(`filter.${key}` as MessageKey)}
              </span>
              <div className="flex items-center gap-0.5">
                {([0, 1] as const).map((side) => (
                  <select
                    key={side}
                    aria-label={t(side === 0 ? 'filter.rfmFrom' : 'filter.rfmTo', {
                      score: t(`filter.${key}` as MessageKey),
                    })}
                    value={(filter[key] ?? [1, 5])[side]}
                    onChange={(e) => rfm(key, side, e.target.value)}
                    className={`${inputClass} px-0.5 py-0.5 text-xs`}
                  >
                    {[1, 2, 3, 4, 5].map((n) => (
                      <option key={n} value={n}>
                        {n}
                      </option>
                    ))}
                  </select>
                ))}
              </div>
            </div>
          ))}
        </div>
      </fieldset>
      {open('countries', present.countries, 'filter.countries')}
      {open('regions', present.regions, 'filter.regions')}
      {open('cities', present.cities, 'filter.cities')}
      {open('tags', present.tags, 'filter.tags', (v) => `#${v}`)}
      {open('owners', present.owners, 'filter.owners', ownerName)}
      <button type="button" className={buttonClass} onClick={() => onChange({ text: filter.text })}>
        {t('filter.clear')}
      </button>
    </div>
  );
}
