import { defineContentScript } from 'wxt/utils/define-content-script';
import { gmailAdapter } from '../src/webmail/gmail-adapter';
import { startWebmailWatcher } from '../src/webmail/start-webmail-watcher';

// Gmail only: the card follows the open message. Declared for this host alone (least privilege);
// every other page is read on demand through activeTab.
export default defineContentScript({
  matches: ['https://mail.google.com/*'],
  runAt: 'document_idle',
  main(ctx) {
    startWebmailWatcher(ctx, gmailAdapter);
  },
});
