import { handOverInvite } from '../../src/invite/join-page';

/** The backend's join page: tell it the extension is here, then open the film. */
export default defineContentScript({
  matches: ['http://localhost:8787/join/*'],
  runAt: 'document_end',
  main: () => handOverInvite(document, location),
});
