import { test as setup } from '@playwright/test';
import { DEMO_ACCOUNTS, emailOf, signInThroughPage, storageStateFor } from './fixtures';

/** Signs each demo account in once through the sign-in page and saves its session. */
for (const account of DEMO_ACCOUNTS) {
  setup(`sign in as ${account}`, async ({ page }) => {
    await signInThroughPage(page, emailOf(account));
    await page.context().storageState({ path: storageStateFor(account) });
  });
}
