import { t } from './i18n.js';
import { putShareJob } from './share-job.js';

/**
 * The service worker: one context-menu entry on selected text. A click hands the selection to the share
 * page (extension/share.html), which encrypts and sends it with the default options and shows the link in
 * a small window. Nothing here touches the network or the page the selection came from.
 */
const MENU_ID = 'share-selection';

chrome.runtime.onInstalled.addListener(() => {
  chrome.contextMenus.create({ id: MENU_ID, title: t('menuShareSelection'), contexts: ['selection'] });
});

async function onMenuClick(info: chrome.contextMenus.OnClickData): Promise<void> {
  if (info.menuItemId !== MENU_ID || !info.selectionText) return;
  const job = await putShareJob(info.selectionText);
  const url = chrome.runtime.getURL(`share.html#${job}`);
  try {
    await chrome.windows.create({ url, type: 'popup', width: 440, height: 560 });
  } catch {
    // No window to attach a popup window to (e.g. all windows closed): a tab works everywhere.
    await chrome.tabs.create({ url });
  }
}

chrome.contextMenus.onClicked.addListener((info) => void onMenuClick(info));

// The e2e test clicks the entry through this: Chrome offers no way to open a context menu from a test.
// Only the extension's own contexts can reach the service worker's global scope.
Object.assign(globalThis, { burnlinkMenuClick: onMenuClick });
