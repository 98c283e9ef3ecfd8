import { useLiveQuery } from 'dexie-react-hooks';
import { useRef, useState } from 'react';
import { loyaltyDataOf } from '../../db/queries/upkeep-queries';
import { buttonClass, EmptyNote, Section } from '../common/ui-kit';
import { writeContext } from '../common/write-context';
import { useI18n } from '../i18n-context';
import { ActionForm, FormField, useFormErrors } from './ActionForm';

// Writes load on demand: the card's first load leaves out the schemas that validate them.
const loyalty = () => import('../../db/loyalty-repo');

type Movement = 'award' | 'redeem';

/** Points typed by a rep ("1,000", "500"): a whole number, or NaN. */
function parsePoints(text: string): number {
  const s = text.trim().replace(/[\s,，_]/g, '');
  return /^\d+$/.test(s) ? Number(s) : Number.NaN;
}

/**
 * Loyalty points (积分): the balance, award and redeem forms, and the ledger with the balance after
 * each entry. Entries are never edited; a correction is a new entry (loyalty-repo).
 */
export function LoyaltySection({ contactId }: { contactId: string }) {
  const { t, formatNumber, formatDate, locale } = useI18n();
  const data = useLiveQuery(() => loyaltyDataOf(contactId), [contactId]);
  const [open, setOpen] = useState<Movement | null>(null);
  const [status, setStatus] = useState('');
  const [all, setAll] = useState(false);
  const buttons = useRef(new Map<Movement, HTMLButtonElement | null>());
  const close = () => {
    const last = open;
    setOpen(null);
    if (last) queueMicrotask(() => buttons.current.get(last)?.focus());
  };
  return (
    <Section
      id="card-loyalty"
      title={t('feedback.section.loyalty')}
      actions={
        <div className="flex gap-1">
          {(['award', 'redeem'] as const).map((m) => (
            <button
              key={m}
              type="button"
              ref={(el) => {
                buttons.current.set(m, el);
              }}
              aria-expanded={open === m}
              className={`${buttonClass} px-1.5 py-0.5 text-xs`}
              onClick={() => {
                setStatus('');
                setOpen(open === m ? null : m);
              }}
            >
              {t(`feedback.${m}`)}
            </button>
          ))}
        </div>
      }
    >
      <p className="text-sm" data-testid="loyalty-balance">
        {t('label.colon', { label: t('feedback.balance') })}
        {locale === 'zh-CN' ? '' : ' '}
        <strong className="text-base">{t('feedback.points', { points: data?.balance ?? 0 })}</strong>
      </p>
      <p role="status" className="mt-1 text-xs text-emerald-800 empty:hidden dark:text-emerald-300">
        {status}
      </p>
      {open && (
        <PointsForm
          key={open}
          kind={open}
          contactId={contactId}
          cancel={close}
          done={(message) => {
            setStatus(message);
            close();
          }}
        />
      )}
      {data === undefined ? null : data.lines.length === 0 ? (
        <EmptyNote>{t('feedback.noPoints')}</EmptyNote>
      ) : (
        <>
          <ol
            className="mt-2 space-y-1 text-sm"
            aria-label={t('feedback.ledgerCaption')}
            data-testid="loyalty-ledger"
          >
            {(all ? data.lines : data.lines.slice(0, 5)).map((line) => (
              <li key={line.id} className="flex justify-between gap-2">
                <span className="min-w-0">
                  <span className="break-words">{line.reason}</span>
                  <span className="block text-xs text-slate-600 dark:text-slate-400">
                    {formatDate(line.occurredAt)} ·{' '}
                    {t('feedback.balanceAfter', { balance: formatNumber(line.balanceAfter) })}
                  </span>
                </span>
                <span
                  className={`shrink-0 font-medium ${line.points < 0 ? 'text-red-800 dark:text-red-300' : 'text-emerald-800 dark:text-emerald-300'}`}
                >
                  {line.points > 0 ? '+' : '−'}
                  {formatNumber(Math.abs(line.points))}
                </span>
              </li>
            ))}
          </ol>
          {data.lines.length > 5 && (
            <button
              type="button"
              aria-expanded={all}
              onClick={() => setAll(!all)}
              className="mt-1 text-xs text-sky-800 hover:underline focus:outline-none focus-visible:ring-2 focus-visible:ring-sky-500 dark:text-sky-300"
            >
              {all ? t('card.showFewer') : t('feedback.showAllEntries', { count: data.lines.length })}
            </button>
          )}
          <p className="mt-1 text-xs text-slate-600 dark:text-slate-400">{t('feedback.appendOnlyNote')}</p>
        </>
      )}
    </Section>
  );
}

function PointsForm({
  kind,
  contactId,
  done,
  cancel,
}: {
  kind: Movement;
  contactId: string;
  done: (message: string) => void;
  cancel: () => void;
}) {
  const { t } = useI18n();
  const errors = useFormErrors();
  const [points, setPoints] = useState('');
  const [reason, setReason] = useState('');
  return (
    <ActionForm
      title={t(`feedback.${kind}`)}
      errors={errors.errors}
      onCancel={cancel}
      onSave={async () => {
        const n = parsePoints(points);
        if (Number.isNaN(n)) return errors.setField('points', t('feedback.badPoints'));
        try {
          const { awardPoints, redeemPoints } = await loyalty();
          const write = kind === 'award' ? awardPoints : redeemPoints;
          await write(contactId, { points: n, reason }, await writeContext());
          done(t(kind === 'award' ? 'feedback.saved.awarded' : 'feedback.saved.redeemed'));
        } catch (e) {
          errors.set(e);
        }
      }}
    >
      <div className="grid grid-cols-3 gap-2">
        <FormField label={t('feedback.pointsLabel')} error={errors.of('points')}>
          {(p) => (
            <input {...p} inputMode="numeric" value={points} onChange={(e) => setPoints(e.target.value)} />
          )}
        </FormField>
        <div className="col-span-2">
          <FormField label={t('feedback.reasonLabel')} error={errors.of('reason')}>
            {(p) => (
              <input
                {...p}
                value={reason}
                placeholder={t(kind === 'award' ? 'feedback.awardHint' : 'feedback.redeemHint')}
                onChange={(e) => setReason(e.target.value)}
              />
            )}
          </FormField>
        </div>
      </div>
    </ActionForm>
  );
}
