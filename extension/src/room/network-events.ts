/**
 * A dropped Wi-Fi often leaves a WebSocket looking open: the browser's `online`/`offline`
 * events are trusted instead. Returns the function that stops listening.
 */
export function onNetworkChange(
  target: EventTarget,
  handlers: { offline: () => void; online: () => void },
): () => void {
  target.addEventListener?.('offline', handlers.offline);
  target.addEventListener?.('online', handlers.online);
  return () => {
    target.removeEventListener?.('offline', handlers.offline);
    target.removeEventListener?.('online', handlers.online);
  };
}
