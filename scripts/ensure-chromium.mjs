// Makes sure a Chromium exists for Playwright: Debian's package when we are root (browser
// downloads do not work on these machines), Playwright's own download elsewhere.
import { execSync } from 'node:child_process';
import fs from 'node:fs';

const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';

if (fs.existsSync(CHROMIUM)) process.exit(0);

const isRoot = typeof process.getuid === 'function' && process.getuid() === 0;
try {
  if (isRoot && fs.existsSync('/usr/bin/apt-get')) {
    console.log('Chromium is missing: installing Debian’s chromium package…');
    execSync('apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium', {
      stdio: 'inherit',
      shell: '/bin/bash',
    });
  } else {
    console.log('Chromium is missing: trying Playwright’s own download…');
    execSync('npx playwright install chromium', { stdio: 'inherit' });
    process.exit(0);
  }
} catch {
  // fall through to the message below
}
if (!fs.existsSync(CHROMIUM) && !isRoot) {
  console.error(`No Chromium found at ${CHROMIUM}: run "sudo apt-get install -y chromium" (or set CHROMIUM_PATH), then npm test again.`);
  process.exit(1);
}
if (!fs.existsSync(CHROMIUM)) {
  console.error(`Chromium could not be installed at ${CHROMIUM}: run "apt-get install -y chromium", then npm test again.`);
  process.exit(1);
}
