// Makes sure a system Chromium (and a CJK font for screenshots of the Chinese UI) is there for the
// end-to-end tests and benchmarks. As root it installs Debian's packages; otherwise it says exactly
// what to install. Playwright's own browser download does not work on our machines.
import { execFileSync } from 'node:child_process';
import { findChromium } from './chromium.mjs';

const isRoot = process.getuid?.() === 0;
let aptUpdated = false;
function aptInstall(...packages) {
  const env = { ...process.env, DEBIAN_FRONTEND: 'noninteractive' };
  if (!aptUpdated) execFileSync('apt-get', ['update', '-q'], { stdio: 'inherit', env });
  aptUpdated = true;
  execFileSync('apt-get', ['install', '-y', '-q', ...packages], { stdio: 'inherit', env });
}

let path = findChromium();
if (!path && process.env.CHROMIUM_PATH) {
  console.error(`CHROMIUM_PATH=${process.env.CHROMIUM_PATH} is not an executable file.`);
  process.exit(1);
}
if (!path) {
  if (!isRoot) {
    console.error(
      'Chromium is needed for the end-to-end tests. Install it with:\n  sudo apt-get update && sudo apt-get install -y chromium\nor set CHROMIUM_PATH to a Chromium binary.',
    );
    process.exit(1);
  }
  console.log('Installing Debian chromium for the end-to-end tests (apt-get)...');
  aptInstall('chromium');
  path = findChromium();
  if (!path) {
    console.error('apt-get installed chromium but no chromium binary is on PATH.');
    process.exit(1);
  }
}

// Without a CJK font, Chinese text shows as boxes in screenshots.
const hasCjkFont = () => {
  try {
    return execFileSync('fc-list', [':lang=zh'], { encoding: 'utf8' }).trim() !== '';
  } catch {
    return false;
  }
};
if (!hasCjkFont()) {
  if (isRoot) {
    console.log('Installing a CJK font (fonts-wqy-microhei) so Chinese text renders in screenshots...');
    aptInstall('fonts-wqy-microhei');
  } else {
    console.warn(
      'No CJK font: Chinese text shows as boxes in screenshots (sudo apt-get install fonts-wqy-microhei).',
    );
  }
}

// Without a colour emoji font, the timeline's and reminders' emoji show as boxes in screenshots.
const hasEmojiFont = () => {
  try {
    return execFileSync('fc-list', [':charset=1f382'], { encoding: 'utf8' }).trim() !== '';
  } catch {
    return false;
  }
};
if (!hasEmojiFont()) {
  if (isRoot) {
    console.log('Installing an emoji font (fonts-noto-color-emoji) so emoji render in screenshots...');
    aptInstall('fonts-noto-color-emoji');
  } else {
    console.warn(
      'No emoji font: emoji show as boxes in screenshots (sudo apt-get install fonts-noto-color-emoji).',
    );
  }
}
console.log(`Chromium: ${path}`);
