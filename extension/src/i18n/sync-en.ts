/**
 * English strings of the sync settings (src/ui/sync). Kept apart from en.ts while the side panel's
 * catalogs are being reworked; every key here must exist in sync-zh-CN.ts (a test checks). To merge:
 * append these entries to en.ts (and the Chinese ones to zh-CN.ts), then replace `syncTranslator` with
 * the catalogs' `translator` (the syntax is the same: `{name}` and `{n, plural, ...}`).
 */
export const syncEn = {
  'sync.title': 'Sync',
  'sync.intro':
    'Keep your customers in step across your browsers and with your team. Everything works offline; changes go up when you are back online.',
  'sync.server': 'Server',
  'sync.server.label': 'Server URL',
  'sync.server.placeholder': 'https://crm.example.com',
  'sync.server.save': 'Save server',
  'sync.server.saving': 'Saving…',
  'sync.server.saved': 'Server saved: {url}',
  'sync.server.hint':
    'Use https://, or http://localhost for a server on this computer. Keepcard asks for your permission to reach it, and reaches nothing else.',
  'sync.account': 'Account',
  'sync.mode': 'Account action',
  'sync.mode.signIn': 'Sign in',
  'sync.mode.signUp': 'Create an account',
  'sync.email': 'Email',
  'sync.password': 'Password',
  'sync.password.hint': 'At least 10 characters.',
  'sync.deviceName': 'Name of this browser',
  'sync.deviceName.hint': 'Shown in your list of devices, for example “Office laptop”.',
  'sync.inviteCode': 'Invite code (if you were given one)',
  'sync.signIn': 'Sign in',
  'sync.signUp': 'Create account',
  'sync.signingIn': 'Signing in…',
  'sync.signedInAs': 'Signed in as {email}',
  'sync.device': 'This browser: {name}',
  'sync.signOut': 'Sign out',
  'sync.signOut.hint':
    'Your customers stay in this browser. Changes not sent yet go up when you sign in again. If someone else signs in here, they are removed from this browser once all your changes have reached the server.',
  'sync.teams': 'Teams',
  'sync.teams.none': 'You are not in a team yet.',
  'sync.team.entry':
    '{team} ({role, select, owner {owner} admin {admin} member {member} viewer {viewer} other {{role}}})',
  'sync.join.label': 'Join a team with an invite code',
  'sync.join.submit': 'Join',
  'sync.join.done': 'You joined the team. Its shared customers arrive with the next sync.',
  'sync.status': 'Status',
  'sync.state.signed-out': 'Not signed in: your changes stay in this browser.',
  'sync.state.idle': 'Up to date',
  'sync.state.syncing': 'Syncing…',
  'sync.state.offline': 'Offline: changes are kept and go up when you are back online.',
  'sync.state.error': 'Sync did not finish',
  'sync.state.update-needed': 'Update needed',
  'sync.lastSync': 'Last synced {time}',
  'sync.lastSync.never': 'Not synced yet',
  'sync.pending':
    '{count, plural, =0 {No changes waiting} one {# change waiting to be sent} other {# changes waiting to be sent}}',
  'sync.nextRetry': 'Keepcard tries again at {time}.',
  'sync.live': 'Live: a change made in your other browsers shows here within a second.',
  'sync.now': 'Sync now',
  'sync.syncing': 'Syncing…',
  'sync.rejected': 'Changes the server refused',
  'sync.rejected.entry': '{table}: {message}',
  'sync.table.contacts': 'Customer',
  'sync.table.companies': 'Company',
  'sync.table.notes': 'Note',
  'sync.table.interactions': 'Activity',
  'sync.table.purchases': 'Purchase',
  'sync.table.feedback': 'Feedback',
  'sync.table.tasks': 'Task',
  'sync.error.empty_url':
    'Server URL is empty: type the address of your Keepcard server, such as https://crm.example.com',
  'sync.error.invalid_url': 'Server URL is not a web address: type it like https://crm.example.com',
  'sync.error.insecure_url': 'Server URL must start with https:// or http://localhost',
  'sync.error.permission':
    'Keepcard needs your permission to reach {host}. Save the server again and choose “Allow”.',
  'sync.error.signed_in': 'Sign out before changing the server: this browser is signed in to another one.',
  'sync.error.no_server': 'Save the server URL first.',
  'sync.error.pending_changes':
    'This browser has {count} change(s) by {email} that have not reached the server yet. Sign in as {email} to send them first.',
  'sync.error.email': 'Email must be a valid email address.',
  'sync.error.password': 'Password must be at least 10 characters.',
  'sync.error.deviceName': 'Give this browser a name of up to 100 characters.',
  'sync.error.code': 'Type the invite code you were given.',
  'sync.error.network':
    'Cannot reach the server. Check its address and your connection; Keepcard tries again by itself.',
  'sync.error.unauthorized': 'Wrong email or password, or this browser was signed out. Sign in again.',
  'sync.error.invalid_request': 'The server refused the request: {detail}',
  'sync.error.conflict': 'The server refused: {detail}',
  'sync.error.rate_limited': 'Too many attempts: wait a few minutes, then try again.',
  'sync.error.forbidden': 'The server does not allow this: {detail}',
  'sync.error.unavailable': 'The server is unavailable right now; Keepcard tries again by itself.',
  'sync.error.internal': 'The server had a problem; Keepcard tries again by itself.',
  'sync.error.schema_too_old':
    'This version of Keepcard is too old for the server: update the extension. Nothing was read or written.',
  'sync.error.schema_too_new':
    'The server is older than this extension: ask its admin to update the Keepcard server. Nothing was read or written.',
  'sync.error.pulled_record': 'A record from the server could not be stored: update Keepcard. ({detail})',
  'sync.error.storage': 'This browser could not store the synced data: {detail}',
  'sync.error.other': 'Sync stopped: {detail}',
} as const;

export type SyncMessageKey = keyof typeof syncEn;
