/**
 * Keeps our overlay visible in full screen: only the fullscreen element's subtree
 * is painted then, so the UI host moves into it, and back to <body> afterwards.
 * A bare <video> cannot hold children; then we hand full screen to its container.
 */
export function keepVisibleInFullscreen(host: HTMLElement, signal: AbortSignal): void {
  const home = host.parentElement ?? document.body;
  const onChange = () => {
    const fs = document.fullscreenElement;
    if (fs instanceof HTMLVideoElement && fs.parentElement) {
      const container = fs.parentElement;
      // Browsers allow this switch while still handling the fullscreen gesture.
      void document
        .exitFullscreen()
        .then(() => container.requestFullscreen())
        .catch(() => {});
      return;
    }
    const target = fs ?? home;
    if (host.parentElement !== target) target.append(host);
  };
  document.addEventListener('fullscreenchange', onChange, { signal });
}
