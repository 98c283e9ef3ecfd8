import { defineContentScript } from 'wxt/utils/define-content-script';
import { outlookAdapter } from '../src/webmail/outlook-adapter';
import { startWebmailWatcher } from '../src/webmail/start-webmail-watcher';

// Outlook on the web only (work, school and personal accounts): the card follows the open message.
export default defineContentScript({
  matches: ['https://outlook.office.com/*', 'https://outlook.live.com/*', 'https://outlook.office365.com/*'],
  runAt: 'document_idle',
  main(ctx) {
    startWebmailWatcher(ctx, outlookAdapter);
  },
});
