import { useState } from 'react';
import type { ContactRow } from '../../db/db';
import type { MessageKey } from '../../i18n';
import { Section } from '../common/ui-kit';
import { useI18n } from '../i18n-context';

/** Copies text to the clipboard; says so for a moment (and for screen readers). */
function CopyButton({ text, label }: { text: string; label: string }) {
  const { t } = useI18n();
  const [state, setState] = useState<'idle' | 'copied' | 'failed'>('idle');
  const copy = async () => {
    try {
      await navigator.clipboard.writeText(text);
      setState('copied');
    } catch {
      setState('failed');
    }
    setTimeout(() => setState('idle'), 1500);
  };
  return (
    <button
      type="button"
      onClick={copy}
      aria-label={t('card.copy', { what: label })}
      className="rounded px-1 text-xs text-slate-600 hover:bg-slate-100 focus:outline-none focus-visible:ring-2 focus-visible:ring-sky-500 dark:text-slate-300 dark:hover:bg-slate-700"
    >
      <span aria-live="polite">
        {state === 'copied'
          ? t('card.copied')
          : state === 'failed'
            ? t('card.copyFailed')
            : t('card.copyShort')}
      </span>
    </button>
  );
}

const linkClass = 'break-all text-sky-800 hover:underline dark:text-sky-300';

/**
 * Emails (mailto:), phones (tel: when normalised to E.164, else the text as captured), address,
 * birthday and links. Everything is rendered as text; links come only from validated values.
 */
export function ContactInfo({ contact }: { contact: ContactRow }) {
  const { t, formatDate, formatAddress } = useI18n();
  const address = contact.address;
  const place = address ? formatAddress(address) : '';
  const birthday = contact.birthday;
  return (
    <Section id="card-contact" title={t('card.section.contact')}>
      <dl className="space-y-1.5 text-sm">
        <div>
          <dt className="sr-only">{t('card.emails')}</dt>
          {contact.emails.length === 0 ? (
            <dd className="text-slate-600 dark:text-slate-400">{t('card.noEmail')}</dd>
          ) : (
            contact.emails.map((e) => (
              <dd key={e.address} className="flex items-center gap-1">
                <span aria-hidden="true">✉</span>
                <a className={linkClass} href={`mailto:${e.address}`}>
                  {e.address}
                </a>
                <span className="text-xs text-slate-600 dark:text-slate-400">
                  ({t(`email.label.${e.label}` as MessageKey)})
                </span>
                <CopyButton text={e.address} label={e.address} />
              </dd>
            ))
          )}
        </div>
        <div>
          <dt className="sr-only">{t('card.phones')}</dt>
          {contact.phones.length === 0 ? (
            <dd className="text-slate-600 dark:text-slate-400">{t('card.noPhone')}</dd>
          ) : (
            contact.phones.map((p) => (
              <dd key={p.number} className="flex items-center gap-1">
                <span aria-hidden="true">☎</span>
                {p.number.startsWith('+') ? (
                  <a className={linkClass} href={`tel:${p.number}`}>
                    {p.number}
                  </a>
                ) : (
                  <span>{p.raw}</span>
                )}
                <span className="text-xs text-slate-600 dark:text-slate-400">
                  ({t(`phone.label.${p.label}` as MessageKey)})
                </span>
                <CopyButton text={p.number.startsWith('+') ? p.number : p.raw} label={p.raw} />
              </dd>
            ))
          )}
        </div>
        {place && (
          <div className="flex gap-1">
            <dt className="text-slate-600 dark:text-slate-400">
              {t('label.colon', { label: t('card.address') })}
            </dt>
            <dd>{place}</dd>
          </div>
        )}
        {birthday && (
          <div className="flex gap-1">
            <dt className="text-slate-600 dark:text-slate-400">
              {t('label.colon', { label: t('card.birthday') })}
            </dt>
            <dd>
              {birthday.startsWith('--')
                ? t('card.birthdayNoYear', {
                    month: Number(birthday.slice(2, 4)),
                    day: Number(birthday.slice(5, 7)),
                  })
                : formatDate(
                    Date.UTC(
                      Number(birthday.slice(0, 4)),
                      Number(birthday.slice(5, 7)) - 1,
                      Number(birthday.slice(8, 10)),
                      12,
                    ),
                  )}
            </dd>
          </div>
        )}
        {contact.gender && contact.gender !== 'unspecified' && (
          <div className="flex gap-1">
            <dt className="text-slate-600 dark:text-slate-400">
              {t('label.colon', { label: t('card.gender') })}
            </dt>
            <dd>{t(`gender.${contact.gender}` as MessageKey)}</dd>
          </div>
        )}
        {contact.urls.map((url) => (
          <dd key={url}>
            <a className={linkClass} href={url} target="_blank" rel="noopener noreferrer">
              {url}
            </a>
          </dd>
        ))}
        <div className="flex gap-1 text-xs text-slate-600 dark:text-slate-400">
          <dt>{t('label.colon', { label: t('card.source') })}</dt>
          <dd>
            {t(`source.${contact.source.kind}` as MessageKey)} · {t('card.created')}{' '}
            {formatDate(contact.createdAt)}
          </dd>
        </div>
      </dl>
    </Section>
  );
}
