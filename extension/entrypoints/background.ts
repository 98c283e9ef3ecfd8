import { defineBackground } from 'wxt/utils/define-background';
import { registerClipTriggers } from '../src/capture/clip-triggers';
import { registerReminderDelivery } from '../src/reminders/reminder-delivery';
import { startSyncService } from '../src/sync/sync-service';

export default defineBackground(() => {
  registerClipTriggers();
  startSyncService();
  registerReminderDelivery();
});
