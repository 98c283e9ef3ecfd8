// @vitest-environment happy-dom
import { cleanup, render, screen, waitFor } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, describe, expect, test } from 'vitest';
import { createI18n, type Locale } from '../../i18n';
import type { ExtensionMessage } from '../../messages';
import type { SyncView } from '../../sync/sync-messages';
import { I18nContext } from '../i18n-context';
import { SyncSettings } from './SyncSettings';

afterEach(cleanup);

const signedOut: SyncView = {
  serverUrl: null,
  signedIn: false,
  email: null,
  teams: [],
  deviceName: null,
  state: 'signed-out',
  lastSyncAt: null,
  pending: 2,
  error: null,
  nextRetryAt: null,
  rejected: [],
  live: false,
};

/** A background that answers from `replies` and records what it was sent. */
function fakeBackground(view: SyncView, replies: Record<string, unknown> = {}) {
  const sent: ExtensionMessage[] = [];
  const state = { view };
  const send = (async (message: ExtensionMessage) => {
    sent.push(message);
    if (message.type === 'sync:status' || message.type === 'sync:now') return state.view;
    return replies[message.type] ?? { ok: true };
  }) as never;
  return { sent, send, state };
}

function renderSettings(props: Parameters<typeof SyncSettings>[0], locale: Locale = 'en') {
  return render(
    <I18nContext.Provider value={createI18n(locale)}>
      <SyncSettings refreshMs={60_000} {...props} />
    </I18nContext.Provider>,
  );
}

describe('SyncSettings', () => {
  test('refuses a plain-http server URL with the fix, asks for the host permission, then saves', async () => {
    const user = userEvent.setup();
    const background = fakeBackground(signedOut);
    const asked: string[] = [];
    let grant = false;
    renderSettings({
      send: background.send,
      requestHostPermission: async (pattern) => {
        asked.push(pattern);
        return grant;
      },
    });
    const url = await screen.findByLabelText('Server URL');
    await user.type(url, 'http://crm.example.com');
    await user.click(screen.getByRole('button', { name: 'Save server' }));
    expect((await screen.findByRole('alert')).textContent).toContain(
      'Server URL must start with https:// or http://localhost',
    );
    expect(asked).toEqual([]);

    await user.clear(url);
    await user.type(url, 'https://crm.example.com:8443/');
    await user.click(screen.getByRole('button', { name: 'Save server' }));
    expect((await screen.findByRole('alert')).textContent).toContain(
      'Keepcard needs your permission to reach crm.example.com:8443',
    );
    expect(asked).toEqual(['https://crm.example.com/*']);
    expect(background.sent.some((m) => m.type === 'sync:set-server')).toBe(false);

    grant = true;
    await user.click(screen.getByRole('button', { name: 'Save server' }));
    expect((await screen.findByRole('status')).textContent).toContain(
      'Server saved: https://crm.example.com:8443',
    );
    expect(background.sent).toContainEqual({
      type: 'sync:set-server',
      serverUrl: 'https://crm.example.com:8443',
    });
  });

  test('signs up with an invite code and shows the background’s refusal in the page’s words', async () => {
    const user = userEvent.setup();
    const background = fakeBackground(
      { ...signedOut, serverUrl: 'https://crm.example.com', email: 'old@example.com' },
      {
        'sync:sign-in': {
          ok: false,
          code: 'pending_changes',
          message: 'in English',
          field: 'email',
          params: { count: 2, email: 'old@example.com' },
        },
      },
    );
    renderSettings({ send: background.send });
    await user.click(await screen.findByLabelText('Create an account'));
    const email = screen.getByLabelText('Email');
    await waitFor(() => expect((email as HTMLInputElement).value).toBe('old@example.com'));
    await user.clear(email);
    await user.type(email, 'new@example.com');
    await user.type(screen.getByLabelText('Password'), 'correct horse battery');
    await user.type(screen.getByLabelText('Name of this browser'), 'Office laptop');
    await user.type(screen.getByLabelText('Invite code (if you were given one)'), 'ABCD-1234');
    await user.click(screen.getByRole('button', { name: 'Create account' }));
    expect(background.sent).toContainEqual({
      type: 'sync:sign-in',
      mode: 'sign-up',
      email: 'new@example.com',
      password: 'correct horse battery',
      deviceName: 'Office laptop',
      inviteCode: 'ABCD-1234',
    });
    expect((await screen.findByRole('alert')).textContent).toContain(
      'This browser has 2 change(s) by old@example.com that have not reached the server yet. Sign in as old@example.com to send them first.',
    );
  });

  test('signed in: account, teams, status with pending changes and the error, and "Sync now", in Chinese', async () => {
    const user = userEvent.setup();
    const background = fakeBackground({
      ...signedOut,
      serverUrl: 'https://crm.example.com',
      signedIn: true,
      email: 'wang@example.cn',
      teams: [{ teamId: '0192f3a4-5b6c-7d8e-9f00-112233445566', teamName: '华东销售部', role: 'admin' }],
      deviceName: '办公室笔记本',
      state: 'offline',
      lastSyncAt: Date.UTC(2026, 10, 22, 8, 30),
      pending: 3,
      error: { code: 'network', message: 'Could not reach the server: Failed to fetch' },
    });
    renderSettings({ send: background.send }, 'zh-CN');
    expect((await screen.findByTestId('sync-signed-in')).textContent).toContain('已登录：wang@example.cn');
    expect(screen.getByText('华东销售部（管理员）')).toBeTruthy();
    expect(screen.getByTestId('sync-pending').textContent).toContain('3 项更改待上传');
    expect(screen.getByRole('alert').textContent).toContain('无法连接服务器');
    expect((screen.getByLabelText('服务器地址') as HTMLInputElement).disabled).toBe(true);
    await user.click(screen.getByRole('button', { name: '立即同步' }));
    expect(background.sent.map((m) => m.type)).toContain('sync:now');
    await user.type(screen.getByLabelText('使用邀请码加入团队'), 'TEAM-CODE');
    await user.click(screen.getByRole('button', { name: '加入' }));
    expect(background.sent).toContainEqual({ type: 'sync:join-team', code: 'TEAM-CODE' });
    expect((await screen.findByRole('status')).textContent).toContain('您已加入团队');
  });
});
