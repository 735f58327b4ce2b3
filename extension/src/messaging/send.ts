import browser from 'webextension-polyfill';
import type { RequestOf, RequestType, ResponseOf } from './messages';

/** Sends a typed request to the background and returns its typed response. */
export function sendToBackground<K extends RequestType>(
  request: RequestOf<K>,
): Promise<ResponseOf<K>> {
  return browser.runtime.sendMessage(request) as Promise<ResponseOf<K>>;
}
