/** The sidebar width the user dragged to, kept for the next rooms (storage.local). */
import browser from 'webextension-polyfill';

const KEY = 'sidebarWidth';

export async function loadSidebarWidth(): Promise<number | null> {
  try {
    const value = (await browser.storage.local.get(KEY))[KEY];
    return typeof value === 'number' && Number.isFinite(value) ? value : null;
  } catch {
    return null;
  }
}

export function saveSidebarWidth(width: number): void {
  void browser.storage.local.set({ [KEY]: width }).catch(() => {});
}
