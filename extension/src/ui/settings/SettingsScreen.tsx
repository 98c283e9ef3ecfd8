import { useLiveQuery } from 'dexie-react-hooks';
import { useEffect, useId, useState } from 'react';
import { getSettings, saveSettings } from '../../db/settings-repo';
import { UI_LANGUAGES, type UiLanguage } from '../../db/ui-settings-repo';
import { demoCounts, demoManifest, loadDemoData, removeDemoData } from '../../demo/demo-data';
import { errorLines } from '../common/error-text';
import { Alert, buttonClass, inputClass, primaryButtonClass, Section } from '../common/ui-kit';
import { writeContext } from '../common/write-context';
import { useI18n } from '../i18n-context';
import { SyncSettings } from '../sync/SyncSettings';
import { RemindersSettings } from './RemindersSettings';

const LANGUAGE_LABEL: Record<
  UiLanguage,
  'settings.language.auto' | 'settings.language.en' | 'settings.language.zh'
> = {
  auto: 'settings.language.auto',
  en: 'settings.language.en',
  'zh-CN': 'settings.language.zh',
};

/** Language, default phone region, sync (server, account, status), and the sample book (load / remove). */
export function SettingsScreen({
  language,
  onLanguage,
  onBack,
}: {
  language: UiLanguage;
  onLanguage: (language: UiLanguage) => void;
  onBack: () => void;
}) {
  const i18n = useI18n();
  const { t, formatDateTime, formatNumber } = i18n;
  const regionId = useId();
  const [region, setRegion] = useState('');
  const [regionStatus, setRegionStatus] = useState<{ ok: boolean; text: string } | null>(null);
  const manifest = useLiveQuery(() => demoManifest(), []);
  const [demoBusy, setDemoBusy] = useState(false);
  const [demoStatus, setDemoStatus] = useState<{ ok: boolean; text: string } | null>(null);

  useEffect(() => {
    getSettings().then(
      (s) => setRegion(s.defaultRegion),
      () => {},
    );
  }, []);

  const saveRegion = async () => {
    try {
      const saved = await saveSettings({ defaultRegion: region.trim().toUpperCase() });
      setRegion(saved.defaultRegion);
      setRegionStatus({ ok: true, text: t('settings.region.saved', { region: saved.defaultRegion }) });
    } catch {
      setRegionStatus({ ok: false, text: t('settings.region.invalid') });
    }
  };
  const demo = async (action: 'load' | 'remove') => {
    setDemoBusy(true);
    setDemoStatus(null);
    try {
      const ctx = await writeContext();
      if (action === 'load') {
        const m = await loadDemoData(ctx);
        setDemoStatus({
          ok: true,
          text: t('settings.demo.loaded', {
            contacts: m.ids.contacts?.length ?? 0,
            purchases: m.ids.purchases?.length ?? 0,
          }),
        });
      } else {
        const n = await removeDemoData(ctx);
        setDemoStatus({ ok: true, text: t('settings.demo.removed', { count: n }) });
      }
    } catch (e) {
      setDemoStatus({
        ok: false,
        text: errorLines(e, i18n)
          .map((l) => l.text)
          .join(' '),
      });
    } finally {
      setDemoBusy(false);
    }
  };

  return (
    <section
      className="min-h-0 flex-1 overflow-y-auto px-3 pb-6"
      aria-labelledby="settings-title"
      data-testid="settings"
    >
      <button
        type="button"
        onClick={onBack}
        className="mt-2 mb-1 text-sm text-sky-800 hover:underline focus:outline-none focus-visible:ring-2 focus-visible:ring-sky-500 dark:text-sky-300"
      >
        ← {t('card.back')}
      </button>
      <h2 id="settings-title" className="mb-2 text-lg font-semibold">
        {t('settings.title')}
      </h2>
      <Section id="settings-language" title={t('settings.language')}>
        <fieldset>
          <legend className="sr-only">{t('settings.language')}</legend>
          <div className="space-y-1 text-sm">
            {UI_LANGUAGES.map((lang) => (
              <label key={lang} className="flex items-center gap-2">
                <input
                  type="radio"
                  name="ui-language"
                  value={lang}
                  checked={language === lang}
                  onChange={() => onLanguage(lang)}
                />
                {t(LANGUAGE_LABEL[lang])}
              </label>
            ))}
          </div>
        </fieldset>
      </Section>
      <Section id="settings-region" title={t('settings.region')}>
        <form
          className="flex items-end gap-2"
          onSubmit={(e) => {
            e.preventDefault();
            void saveRegion();
          }}
        >
          <div>
            <label htmlFor={regionId} className="mb-0.5 block text-xs text-slate-700 dark:text-slate-300">
              {t('settings.region.label')}
            </label>
            <input
              id={regionId}
              value={region}
              maxLength={2}
              onChange={(e) => setRegion(e.target.value)}
              className={`${inputClass.replace('w-full', 'w-20')} uppercase`}
            />
          </div>
          <button type="submit" className={buttonClass}>
            {t('action.save')}
          </button>
        </form>
        <p className="mt-1 text-xs text-slate-600 dark:text-slate-400">{t('settings.region.hint')}</p>
        {regionStatus && (
          <div className="mt-1">
            {regionStatus.ok ? (
              <p role="status" className="text-xs text-emerald-800 dark:text-emerald-300">
                {regionStatus.text}
              </p>
            ) : (
              <Alert>{regionStatus.text}</Alert>
            )}
          </div>
        )}
      </Section>
      <RemindersSettings />
      <SyncSettings />
      <Section id="settings-transfer" title={t('transfer.title')}>
        <p className="mb-2 text-sm text-slate-700 dark:text-slate-300">{t('transfer.openHint')}</p>
        <a href="#/transfer" className={buttonClass} data-testid="open-transfer">
          {t('transfer.open')}
        </a>
      </Section>
      <Section id="settings-demo" title={t('settings.demo')}>
        <p className="mb-2 text-sm text-slate-700 dark:text-slate-300">{t('settings.demo.body')}</p>
        {manifest === undefined ? null : manifest === null ? (
          <button
            type="button"
            className={primaryButtonClass}
            disabled={demoBusy}
            onClick={() => demo('load')}
          >
            {demoBusy ? t('settings.demo.loading') : t('settings.demo.load')}
          </button>
        ) : (
          <div className="space-y-2">
            <p className="text-sm" data-testid="demo-loaded">
              {t('settings.demo.isLoaded', {
                date: formatDateTime(manifest.loadedAt),
                contacts: formatNumber(demoCounts(manifest).contacts ?? 0),
                purchases: formatNumber(demoCounts(manifest).purchases ?? 0),
              })}
            </p>
            <button type="button" className={buttonClass} disabled={demoBusy} onClick={() => demo('remove')}>
              {demoBusy ? t('settings.demo.removing') : t('settings.demo.remove')}
            </button>
          </div>
        )}
        {demoStatus && (
          <div className="mt-2">
            {demoStatus.ok ? (
              <p role="status" className="text-sm text-emerald-800 dark:text-emerald-300">
                {demoStatus.text}
              </p>
            ) : (
              <Alert>{demoStatus.text}</Alert>
            )}
          </div>
        )}
      </Section>
    </section>
  );
}
