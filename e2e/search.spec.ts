import { api, contextAs, expect, expectAccessible, expectHeadingsInOrder, findRoom, openNamedRoom, test } from './fixtures';

/**
 * Search from the header: a word form finds a message written just now, its words marked in the
 * snippet, the count announced, and the result leads to the message in its room.
 */
test('the header search box finds a message by another form of its word and leads to it', async ({ browser }) => {
  const expert = await contextAs(browser, 'expert');
  const room = await findRoom(expert, openNamedRoom);
  const token = `qz${Date.now().toString(36)}`;
  const message = await api<{ id: number }>(expert, 'POST', `/api/v1/threads/${room.id}/messages`, {
    body: `Ледники Памира тают быстрее, чем считали (${token}).`,
  });

  const page = await expert.newPage();
  await page.goto('/rooms');
  const box = page.getByRole('search', { name: 'Search rooms, initiatives and messages' }).getByRole('searchbox');
  await box.fill(`ледник ${token}`);
  await box.press('Enter');
  await expect(page).toHaveURL(/\/search\?q=/);
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Search');
  await expect(page.getByRole('status')).toHaveText(`1 result for “ледник ${token}”.`);
  const result = page.getByTestId('search-result');
  await expect(result).toHaveCount(1);
  await expect(result.locator('mark')).toHaveText(['Ледники', token]);
  await expect(result).toContainText('Message');
  await expectAccessible(page);
  await expectHeadingsInOrder(page);

  await result.getByRole('link').click();
  await expect(page).toHaveURL(new RegExp(`/rooms/${room.id}#message-${message.id}$`));
  await expect(page.locator(`#message-${message.id}`)).toContainText(token);

  // In Russian, and nothing for a word that is nowhere.
  const ru = await (await contextAs(browser, 'expert', 'ru')).newPage();
  await ru.goto(`/search?q=${encodeURIComponent(`ледниками ${token}`)}`);
  await expect(ru.getByRole('status')).toHaveText(`1 результат по запросу «ледниками ${token}».`);
  await ru.goto(`/search?q=${encodeURIComponent(`${token}xyz`)}`);
  await expect(ru.getByRole('status')).toHaveText(`По запросу «${token}xyz» ничего не найдено.`);
  await expectAccessible(ru);
});
