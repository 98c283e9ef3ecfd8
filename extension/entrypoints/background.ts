import { defineBackground } from 'wxt/utils/define-background';
import { registerClipTriggers } from '../src/capture/clip-triggers';

export default defineBackground(() => {
  registerClipTriggers();
});
