import { test as setup } from '@playwright/test';
import { DEMO_ACCOUNTS, signInThroughPage, storageStateFor } from './fixtures';

/** Signs each demo account in once through the sign-in page and saves its session. */
for (const account of DEMO_ACCOUNTS) {
  setup(`sign in as ${account}`, async ({ page }) => {
    await signInThroughPage(page, `${account}@example.org`);
    await page.context().storageState({ path: storageStateFor(account) });
  });
}
