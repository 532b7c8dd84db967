/**
 * A selection handed from the context menu (service worker) to the share page. It waits in
 * `chrome.storage.session` — memory only, never written to disk, out of reach of web pages — and is removed
 * by the page that takes it, so it is used at most once.
 */
const PREFIX = 'share-job:';

export async function putShareJob(text: string): Promise<string> {
  const id = crypto.randomUUID();
  await chrome.storage.session.set({ [PREFIX + id]: text });
  return id;
}

/** The job's text, removed from storage; null when there is none (already taken, or never put). */
export async function takeShareJob(id: string): Promise<string | null> {
  const key = PREFIX + id;
  const text = (await chrome.storage.session.get(key))[key];
  await chrome.storage.session.remove(key);
  return typeof text === 'string' ? text : null;
}
