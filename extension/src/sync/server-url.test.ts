import { expect, test } from 'vitest';
import { parseServerUrl } from './server-url';

test.each([
  ['https://crm.example.com', 'https://crm.example.com', 'https://crm.example.com/*'],
  ['  https://crm.example.com/  ', 'https://crm.example.com', 'https://crm.example.com/*'],
  [
    'https://crm.example.com:8443/keepcard/',
    'https://crm.example.com:8443/keepcard',
    'https://crm.example.com/*',
  ],
  ['http://localhost:8787', 'http://localhost:8787', 'http://localhost/*'],
  ['http://127.0.0.1:8787/', 'http://127.0.0.1:8787', 'http://127.0.0.1/*'],
])('accepts %s', (input, url, permission) => {
  expect(parseServerUrl(input)).toEqual({ ok: true, url, permission });
});

test.each([
  [
    '',
    'empty',
    'Server URL is empty: type the address of your Keepcard server, such as https://crm.example.com',
  ],
  ['http://crm.example.com', 'insecure', 'Server URL must start with https:// or http://localhost'],
  ['http://192.168.1.20:8787', 'insecure', 'Server URL must start with https:// or http://localhost'],
  ['crm.example.com', 'insecure', 'Server URL must start with https:// or http://localhost'],
  ['ftp://crm.example.com', 'insecure', 'Server URL must start with https:// or http://localhost'],
  [
    'https://user:secret@crm.example.com',
    'invalid',
    'Server URL is not a web address: type it like https://crm.example.com',
  ],
  [
    'https://crm.example.com/?q=1',
    'invalid',
    'Server URL is not a web address: type it like https://crm.example.com',
  ],
])('refuses %j (%s)', (input, problem, message) => {
  expect(parseServerUrl(input)).toEqual({ ok: false, problem, message });
});
