// The user's own Send on LinkedIn's page. Reachlog only puts a message in LinkedIn's composer and
// never presses Send; these let a test wait for the composer and then do what the user does.
import type { Page } from 'playwright-core';
import { screenshot } from './screenshot';
import { until } from './until';

/** Waits until the conversation's composer holds `text`. */
export async function untilComposerHolds(thread: Page, text: string): Promise<void> {
  const composer = thread.locator('.msg-form__contenteditable');
  await until('the composer to hold the message', async () =>
    ((await composer.innerText()) ?? '').includes(text),
  );
}

/** What LinkedIn's page does when the user presses Send: the bubble appears, the composer empties. */
export async function pressLinkedInSend(thread: Page, text: string): Promise<void> {
  await thread.evaluate((message) => {
    const list = document.querySelector('.msg-s-message-list-content')!;
    const li = document.createElement('li');
    li.className = 'msg-s-message-list__event clearfix';
    const item = document.createElement('div');
    item.className = 'msg-s-event-listitem';
    item.setAttribute('data-event-urn', `urn:li:msg_message:(urn:li:fsd_profile:ME,2-${Date.now()})`);
    const bubble = document.createElement('div');
    bubble.className = 'msg-s-event-listitem__message-bubble';
    const p = document.createElement('p');
    p.className = 'msg-s-event-listitem__body t-14 t-black--light t-normal';
    p.textContent = message;
    bubble.append(p);
    item.append(bubble);
    li.append(item);
    list.append(li);
    document.querySelector('.msg-form__contenteditable')!.replaceChildren(document.createElement('p'));
  }, text);
}

/**
 * The user's Send after "Send e-mail + LinkedIn", then waits for the side panel to record the
 * LinkedIn half (a screenshot named `failedShot` when it never does).
 */
export async function pressLinkedInSendForBoth(
  thread: Page,
  panelPage: Page,
  text: string,
  failedShot: string,
): Promise<void> {
  // Reachlog never presses Send: the user does, on LinkedIn's page
  await pressLinkedInSend(thread, text);
  await panelPage
    .locator('[data-testid="both-status"][data-state="sent"]')
    .waitFor({ timeout: 20_000 })
    .catch(async (e) => {
      await screenshot(panelPage, failedShot);
      throw e;
    });
}
