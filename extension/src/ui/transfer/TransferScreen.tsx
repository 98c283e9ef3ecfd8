import { Section } from '../common/ui-kit';
import { useI18n } from '../i18n-context';
import { BackupPanel } from './BackupPanel';
import { ExportPanel } from './ExportPanel';
import { ImportPanel } from './ImportPanel';

/** Import (CSV, vCard), export (CSV, vCard of any list or segment), and a full backup with restore. */
export function TransferScreen({ onBack }: { onBack: () => void }) {
  const { t } = useI18n();
  return (
    <section
      className="min-h-0 flex-1 overflow-y-auto px-3 pb-6"
      aria-labelledby="transfer-title"
      data-testid="transfer"
    >
      <button
        type="button"
        onClick={onBack}
        className="mt-2 mb-1 text-sm text-sky-800 hover:underline focus:outline-none focus-visible:ring-2 focus-visible:ring-sky-500 dark:text-sky-300"
      >
        ← {t('card.back')}
      </button>
      <h2 id="transfer-title" className="mb-2 text-lg font-semibold">
        {t('transfer.title')}
      </h2>
      <Section id="transfer-import" title={t('transfer.import')}>
        <ImportPanel />
      </Section>
      <Section id="transfer-export" title={t('transfer.export')}>
        <ExportPanel />
      </Section>
      <Section id="transfer-backup" title={t('transfer.backup')}>
        <BackupPanel />
      </Section>
    </section>
  );
}
