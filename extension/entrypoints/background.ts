import { browser } from 'wxt/browser';
import { createBackground } from '@/background/create-background';
import { routeMessage } from '@/background/route-message';
import { db } from '@/db/database';
import { KEEPALIVE_PORT } from '@/messaging/keepalive';
import { CHROME_SIDE_PANEL_COMMAND } from '@@/shared/side-panel-shortcut';
import { watchFollowUpBadge } from '@/background/follow-up-badge';
import { FOLLOW_UP_NOTIFICATION_ID, notifyNewlyDueFollowUps } from '@/background/follow-up-notify';

const SYNC_ALARM = 'reachlog-sync';

// Wiring only: the logic lives in extension/background/, extension/outbox/ and extension/sync/.
export default defineBackground(() => {
  const bg = createBackground({
    database: db,
    sendToTab: (tabId, msg) => browser.tabs.sendMessage(tabId, msg),
  });

  const extension = { id: browser.runtime.id, baseUrl: browser.runtime.getURL('/') };
  browser.runtime.onMessage.addListener((msg, sender, sendResponse) => {
    void routeMessage(bg, msg, sender, extension).then(sendResponse);
    return true; // answer asynchronously (works in every Chrome and Firefox version)
  });
  browser.tabs.onRemoved.addListener((tabId) => void bg.onTabRemoved(tabId));
  browser.tabs.onUpdated.addListener((tabId, change, tab) => {
    if (change.url !== undefined || change.status === 'loading') void bg.onTabUpdated(tabId, tab.url);
  });
  globalThis.addEventListener?.('online', () => void bg.onOnline());

  // MV3 stops an idle service worker, and its timers with it; the alarm wakes it every minute
  // to push, pull and reopen the live stream. While a view is open it keeps a port here and
  // pings it, which keeps the worker (and so the live stream) running.
  void browser.alarms?.create(SYNC_ALARM, { periodInMinutes: 1 });
  browser.alarms?.onAlarm.addListener((alarm) => {
    if (alarm.name === SYNC_ALARM) void bg.onAlarm();
  });
  browser.runtime.onConnect.addListener((port) => {
    if (port.name !== KEEPALIVE_PORT) return;
    port.onMessage.addListener(() => undefined);
    void bg.onAlarm();
  });

  // The keyboard shortcut (manifest `commands`; Firefox's sidebar opens by itself). open() is
  // called at once, inside the shortcut's user gesture: nothing may be awaited before it.
  browser.commands?.onCommand.addListener((command, tab) => {
    if (command !== CHROME_SIDE_PANEL_COMMAND || tab?.windowId === undefined) return;
    void browser.sidePanel?.open({ windowId: tab.windowId }).catch(() => undefined);
  });

  // The toolbar button opens the popup; the popup's "Open side panel" (a user gesture) opens it.
  void browser.sidePanel?.setPanelBehavior?.({ openPanelOnActionClick: false })?.catch(() => undefined);

  // Tab ids restart with the browser: a capture kept from an earlier session could show up in
  // the wrong tab, so keep only the tabs that exist now.
  browser.runtime.onStartup.addListener(() => void bg.pruneTabs(null));
  void browser.tabs
    .query({})
    .then((tabs) => bg.pruneTabs(tabs.flatMap((t) => (t.id === undefined ? [] : [t.id]))))
    .catch(() => undefined);

  bg.start();

  // Follow-ups due, as a count on the toolbar icon; re-read on every alarm too, as time alone
  // makes a send due.
  let stopBadge = watchFollowUpBadge(db, (text) => browser.action?.setBadgeText({ text }));
  browser.alarms?.onAlarm.addListener(() => {
    stopBadge();
    stopBadge = watchFollowUpBadge(db, (text) => browser.action?.setBadgeText({ text }));
    // the optional notification of newly due follow-ups (Settings; `notifications` permission)
    void notifyNewlyDueFollowUps(db, async (n) => {
      if (!browser.notifications) return false; // permission not granted (or withdrawn)
      await browser.notifications.create(FOLLOW_UP_NOTIFICATION_ID, {
        type: 'basic',
        iconUrl: browser.runtime.getURL('/notification-icon.png'),
        title: n.title,
        message: n.message,
      });
      return true;
    }).catch(() => undefined);
  });
  browser.notifications?.onClicked.addListener((id) => {
    if (id !== FOLLOW_UP_NOTIFICATION_ID) return;
    void browser.tabs.create({ url: browser.runtime.getURL('/dashboard.html') });
    void browser.notifications?.clear(id);
  });
});
