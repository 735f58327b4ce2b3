import { contentScriptMatches } from '../../build-config';
import { BUILD } from '../../src/build-info';
import { handOverInvite } from '../../src/invite/join-page';
import { sendToBackground } from '../../src/messaging/send';
import { loadSettings } from '../../src/settings/settings-store';

/** The backend's join page: tell it the extension is here, then open the film. */
export default defineContentScript({
  // Match patterns cannot name a port (Firefox), so the backend's origin is checked here.
  matches: contentScriptMatches(BUILD).join,
  runAt: 'document_end',
  async main() {
    const { backendUrl } = await loadSettings();
    if (location.origin !== new URL(backendUrl).origin) return;
    // The background opens it (and runs the overlay there on a site not enabled yet, where it
    // may); on any failure the page opens it itself, as before.
    handOverInvite(document, {
      assign: (target) => {
        const url = String(target);
        void sendToBackground({ type: 'join:open', url })
          .then((answer) => {
            if (!answer?.ok) location.assign(url);
          })
          .catch(() => location.assign(url));
      },
    });
  },
});
