import { normalizeBaseUrl } from '@burnlink/client';

/**
 * What the options page stores in `chrome.storage.local` (this browser profile only; not synced). The API
 * key is kept as given, because each request needs it; it is never shown back in full ({@link maskKey}) and
 * never logged.
 */
export interface Settings {
  /** The server's base URL, normalised; '' when not configured. */
  serverUrl: string;
  /** An API key (`bl_…`) or ''. */
  apiKey: string;
  /** Default lifetime in seconds, or null for the server's default. */
  ttl: number | null;
  /** Default number of views, or null for the server's default. */
  views: number | null;
}

const KEY = 'settings';
const EMPTY: Settings = { serverUrl: '', apiKey: '', ttl: null, views: null };

export async function loadSettings(): Promise<Settings> {
  const stored = (await chrome.storage.local.get(KEY))[KEY] as Partial<Settings> | undefined;
  return { ...EMPTY, ...stored };
}

export async function saveSettings(settings: Settings): Promise<void> {
  await chrome.storage.local.set({ [KEY]: settings });
}

/**
 * The host permission pattern for a server: its origin only (a path prefix does not narrow a permission).
 *
 * @example originPattern('https://burn.example.com/team') // 'https://burn.example.com/*'
 */
export function originPattern(serverUrl: string): string {
  return `${new URL(serverUrl).origin}/*`;
}

/** Whether Chrome lets the extension talk to the configured server. */
export function hasServerPermission(serverUrl: string): Promise<boolean> {
  return chrome.permissions.contains({ origins: [originPattern(serverUrl)] });
}

/** The address as the client will use it, or null when it is not an http(s) URL without query or fragment. */
export function parseServerUrl(text: string): string | null {
  return normalizeBaseUrl(text.trim());
}

/**
 * A key as it may be shown back: its prefix and last four characters.
 *
 * @example maskKey('bl_abcdefghijkl') // 'bl_…ijkl'
 */
export function maskKey(key: string): string {
  const prefix = key.startsWith('bl_') ? 'bl_' : '';
  return key.length <= prefix.length + 8 ? `${prefix}…` : `${prefix}…${key.slice(-4)}`;
}
