import { useCallback, useEffect, useId, useMemo, useState } from 'react';
import { browser } from 'wxt/browser';
import { isSyncMessageKey, type SyncMessageKey, syncTranslator } from '../../i18n/sync-text';
import { type ExtensionMessage, type ReplyTo, sendToExtension } from '../../messages';
import { parseServerUrl } from '../../sync/server-url';
import type { ActionResult } from '../../sync/sync-account';
import type { SyncView } from '../../sync/sync-messages';
import {
  Alert,
  buttonClass,
  inputClass,
  labelClass,
  mutedClass,
  primaryButtonClass,
  Section,
} from '../common/ui-kit';
import { useI18n } from '../i18n-context';
import { type SyncProblem, syncErrorText } from './sync-error-text';

type SyncMessageType = Extract<ExtensionMessage['type'], `sync:${string}`>;
type Send = <T extends SyncMessageType>(
  message: Extract<ExtensionMessage, { type: T }>,
) => Promise<ReplyTo[T] | undefined>;

export interface SyncSettingsProps {
  /** How the page talks to the background (tests pass a fake). */
  send?: Send;
  /** Asks the browser for a host permission; must run inside the click (a user gesture). */
  requestHostPermission?: (pattern: string) => Promise<boolean>;
  /** How often the status is refreshed while shown, in ms. */
  refreshMs?: number;
}

const defaultPermission = (pattern: string) => browser.permissions.request({ origins: [pattern] });

type Notice = { ok: true; text: string } | { ok: false; text: string } | null;

/** The answer of a message that got none (the background did not answer): a network-like failure. */
const noAnswer: SyncProblem = { code: 'internal', message: 'The extension’s background did not answer' };

/**
 * Sync settings: the server, the account (sign in, sign up, join a team, sign out), this browser's
 * name, and the sync status with "Sync now". Everything goes through messages to the background,
 * which alone talks to the server (docs/sync-protocol.md §3).
 */
export function SyncSettings({
  send = sendToExtension as Send,
  requestHostPermission = defaultPermission,
  refreshMs = 2000,
}: SyncSettingsProps) {
  const { locale, formatDateTime } = useI18n();
  const t = useMemo(() => syncTranslator(locale), [locale]);
  const ids = {
    server: useId(),
    email: useId(),
    password: useId(),
    device: useId(),
    invite: useId(),
    code: useId(),
  };
  const [view, setView] = useState<SyncView | null>(null);
  const [serverUrl, setServerUrl] = useState('');
  const [serverNotice, setServerNotice] = useState<Notice>(null);
  const [mode, setMode] = useState<'sign-in' | 'sign-up'>('sign-in');
  const [email, setEmail] = useState('');
  const [password, setPassword] = useState('');
  const [deviceName, setDeviceName] = useState('');
  const [inviteCode, setInviteCode] = useState('');
  const [accountNotice, setAccountNotice] = useState<Notice>(null);
  const [teamCode, setTeamCode] = useState('');
  const [teamNotice, setTeamNotice] = useState<Notice>(null);
  const [busy, setBusy] = useState<'server' | 'account' | 'team' | 'sync' | null>(null);

  const refresh = useCallback(async () => {
    const next = await send({ type: 'sync:status' });
    if (next) setView(next);
    return next;
  }, [send]);

  useEffect(() => {
    let first = true;
    const load = () =>
      refresh().then(
        (next) => {
          if (!first || !next) return;
          first = false;
          setServerUrl(next.serverUrl ?? '');
          setDeviceName(next.deviceName ?? '');
          setEmail(next.email ?? '');
        },
        () => {},
      );
    void load();
    const timer = setInterval(() => void refresh().catch(() => {}), refreshMs);
    return () => clearInterval(timer);
  }, [refresh, refreshMs]);

  const problemText = (result: ActionResult | undefined) =>
    syncErrorText(t, result && !result.ok ? result : noAnswer);

  const saveServer = async () => {
    const check = parseServerUrl(serverUrl);
    if (!check.ok) {
      setServerNotice({
        ok: false,
        text: syncErrorText(t, { code: `${check.problem}_url`, message: check.message }),
      });
      return;
    }
    setBusy('server');
    setServerNotice(null);
    try {
      // First, while the click still counts as the rep's gesture: the browser asks them.
      const granted = await requestHostPermission(check.permission).catch(() => false);
      if (!granted) {
        setServerNotice({ ok: false, text: t('sync.error.permission', { host: new URL(check.url).host }) });
        return;
      }
      const result = await send({ type: 'sync:set-server', serverUrl: check.url });
      setServerNotice(
        result?.ok
          ? { ok: true, text: t('sync.server.saved', { url: check.url }) }
          : { ok: false, text: problemText(result) },
      );
      await refresh();
    } finally {
      setBusy(null);
    }
  };

  const submitAccount = async () => {
    setBusy('account');
    setAccountNotice(null);
    try {
      const result = await send({
        type: 'sync:sign-in',
        mode,
        email,
        password,
        deviceName,
        ...(mode === 'sign-up' && inviteCode.trim() && { inviteCode: inviteCode.trim() }),
      });
      if (result?.ok) setPassword('');
      else setAccountNotice({ ok: false, text: problemText(result) });
      await refresh();
    } finally {
      setBusy(null);
    }
  };

  const joinTeam = async () => {
    setBusy('team');
    setTeamNotice(null);
    try {
      const result = await send({ type: 'sync:join-team', code: teamCode });
      if (result?.ok) {
        setTeamCode('');
        setTeamNotice({ ok: true, text: t('sync.join.done') });
      } else setTeamNotice({ ok: false, text: problemText(result) });
      await refresh();
    } finally {
      setBusy(null);
    }
  };

  const signOut = async () => {
    setBusy('account');
    try {
      await send({ type: 'sync:sign-out' });
      await refresh();
    } finally {
      setBusy(null);
    }
  };

  const syncNow = async () => {
    setBusy('sync');
    try {
      const next = await send({ type: 'sync:now' });
      if (next) setView(next);
    } finally {
      setBusy(null);
    }
  };

  const notice = (n: Notice) =>
    n &&
    (n.ok ? (
      <p role="status" className="mt-1 text-xs text-emerald-800 dark:text-emerald-300">
        {n.text}
      </p>
    ) : (
      <div className="mt-1">
        <Alert>{n.text}</Alert>
      </div>
    ));
  const signedIn = view?.signedIn ?? false;

  return (
    <div data-testid="sync-settings">
      <Section id="sync-server" title={t('sync.server')}>
        <p className={`mb-2 text-sm ${mutedClass}`}>{t('sync.intro')}</p>
        <form
          className="flex items-end gap-2"
          onSubmit={(e) => {
            e.preventDefault();
            void saveServer();
          }}
        >
          <div className="min-w-0 flex-1">
            <label htmlFor={ids.server} className={labelClass}>
              {t('sync.server.label')}
            </label>
            <input
              id={ids.server}
              type="url"
              inputMode="url"
              autoComplete="url"
              spellCheck={false}
              placeholder={t('sync.server.placeholder')}
              value={serverUrl}
              disabled={signedIn}
              onChange={(e) => setServerUrl(e.target.value)}
              className={inputClass}
            />
          </div>
          <button type="submit" className={buttonClass} disabled={busy !== null || signedIn}>
            {busy === 'server' ? t('sync.server.saving') : t('sync.server.save')}
          </button>
        </form>
        <p className={`mt-1 text-xs ${mutedClass}`}>{t('sync.server.hint')}</p>
        {notice(serverNotice)}
      </Section>

      <Section id="sync-account" title={t('sync.account')}>
        {signedIn && view ? (
          <div className="space-y-2 text-sm">
            <p data-testid="sync-signed-in">{t('sync.signedInAs', { email: view.email ?? '' })}</p>
            {view.deviceName && <p className={mutedClass}>{t('sync.device', { name: view.deviceName })}</p>}
            <div>
              <h4 className="text-xs font-semibold text-slate-700 dark:text-slate-300">{t('sync.teams')}</h4>
              {view.teams.length === 0 ? (
                <p className={mutedClass}>{t('sync.teams.none')}</p>
              ) : (
                <ul className="list-disc pl-5">
                  {view.teams.map((team) => (
                    <li key={team.teamId}>
                      {t('sync.team.entry', { team: team.teamName, role: team.role })}
                    </li>
                  ))}
                </ul>
              )}
            </div>
            <form
              className="flex items-end gap-2"
              onSubmit={(e) => {
                e.preventDefault();
                void joinTeam();
              }}
            >
              <div className="min-w-0 flex-1">
                <label htmlFor={ids.code} className={labelClass}>
                  {t('sync.join.label')}
                </label>
                <input
                  id={ids.code}
                  value={teamCode}
                  autoComplete="off"
                  onChange={(e) => setTeamCode(e.target.value)}
                  className={inputClass}
                />
              </div>
              <button type="submit" className={buttonClass} disabled={busy !== null || !teamCode.trim()}>
                {t('sync.join.submit')}
              </button>
            </form>
            {notice(teamNotice)}
            <div>
              <button
                type="button"
                className={buttonClass}
                disabled={busy !== null}
                onClick={() => void signOut()}
              >
                {t('sync.signOut')}
              </button>
              <p className={`mt-1 text-xs ${mutedClass}`}>{t('sync.signOut.hint')}</p>
            </div>
          </div>
        ) : (
          <form
            className="space-y-2"
            onSubmit={(e) => {
              e.preventDefault();
              void submitAccount();
            }}
          >
            <fieldset className="flex gap-3 text-sm">
              <legend className="sr-only">{t('sync.mode')}</legend>
              {(['sign-in', 'sign-up'] as const).map((m) => (
                <label key={m} className="flex items-center gap-1">
                  <input
                    type="radio"
                    name="sync-mode"
                    value={m}
                    checked={mode === m}
                    onChange={() => setMode(m)}
                  />
                  {t(m === 'sign-in' ? 'sync.mode.signIn' : 'sync.mode.signUp')}
                </label>
              ))}
            </fieldset>
            <div>
              <label htmlFor={ids.email} className={labelClass}>
                {t('sync.email')}
              </label>
              <input
                id={ids.email}
                type="email"
                autoComplete="username"
                value={email}
                onChange={(e) => setEmail(e.target.value)}
                className={inputClass}
              />
            </div>
            <div>
              <label htmlFor={ids.password} className={labelClass}>
                {t('sync.password')}
              </label>
              <input
                id={ids.password}
                type="password"
                autoComplete={mode === 'sign-up' ? 'new-password' : 'current-password'}
                value={password}
                onChange={(e) => setPassword(e.target.value)}
                className={inputClass}
              />
              {mode === 'sign-up' && (
                <p className={`mt-0.5 text-xs ${mutedClass}`}>{t('sync.password.hint')}</p>
              )}
            </div>
            <div>
              <label htmlFor={ids.device} className={labelClass}>
                {t('sync.deviceName')}
              </label>
              <input
                id={ids.device}
                value={deviceName}
                maxLength={100}
                onChange={(e) => setDeviceName(e.target.value)}
                className={inputClass}
              />
              <p className={`mt-0.5 text-xs ${mutedClass}`}>{t('sync.deviceName.hint')}</p>
            </div>
            {mode === 'sign-up' && (
              <div>
                <label htmlFor={ids.invite} className={labelClass}>
                  {t('sync.inviteCode')}
                </label>
                <input
                  id={ids.invite}
                  value={inviteCode}
                  autoComplete="off"
                  onChange={(e) => setInviteCode(e.target.value)}
                  className={inputClass}
                />
              </div>
            )}
            <button type="submit" className={primaryButtonClass} disabled={busy !== null || !view?.serverUrl}>
              {busy === 'account'
                ? t('sync.signingIn')
                : t(mode === 'sign-in' ? 'sync.signIn' : 'sync.signUp')}
            </button>
            {!view?.serverUrl && <p className={`text-xs ${mutedClass}`}>{t('sync.error.no_server')}</p>}
            {notice(accountNotice)}
          </form>
        )}
      </Section>

      <Section id="sync-status" title={t('sync.status')}>
        {view && (
          <div className="space-y-1 text-sm" data-testid="sync-status" data-state={view.state}>
            <p className="font-medium">{t(`sync.state.${view.state}`)}</p>
            <p className={mutedClass}>
              {view.lastSyncAt === null
                ? t('sync.lastSync.never')
                : t('sync.lastSync', { time: formatDateTime(view.lastSyncAt) })}
            </p>
            <p data-testid="sync-pending">{t('sync.pending', { count: view.pending })}</p>
            {view.live && <p className={`text-xs ${mutedClass}`}>{t('sync.live')}</p>}
            {view.error && view.state !== 'idle' && view.state !== 'syncing' && (
              <Alert>
                {syncErrorText(t, view.error)}
                {view.nextRetryAt !== null && (
                  <> {t('sync.nextRetry', { time: formatDateTime(view.nextRetryAt) })}</>
                )}
              </Alert>
            )}
            {view.rejected.length > 0 && (
              <details className="text-xs">
                <summary>{t('sync.rejected')}</summary>
                <ul className="list-disc pl-5">
                  {view.rejected.map((r) => (
                    <li key={`${r.rowId}-${r.at}-${r.code}`}>
                      {t('sync.rejected.entry', {
                        table: isSyncMessageKey(`sync.table.${r.table}`)
                          ? t(`sync.table.${r.table}` as SyncMessageKey)
                          : r.table,
                        message: r.message,
                      })}
                    </li>
                  ))}
                </ul>
              </details>
            )}
            {signedIn && (
              <button
                type="button"
                className={primaryButtonClass}
                disabled={busy !== null}
                onClick={() => void syncNow()}
              >
                {busy === 'sync' || view.state === 'syncing' ? t('sync.syncing') : t('sync.now')}
              </button>
            )}
          </div>
        )}
      </Section>
    </div>
  );
}
