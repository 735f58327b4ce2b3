import '../../src/ui/style.css';
import '../../src/ui/knock.css';
import { contentScriptMatches } from '../../build-config';
import { BUILD } from '../../src/build-info';
import { runOverlay } from '../../src/features/run-overlay';

/** The overlay on the cinema's film pages; other sites get it at runtime from the popup. */
export default defineContentScript({
  matches: contentScriptMatches(BUILD).overlay,
  cssInjectionMode: 'ui',
  main: (ctx) => runOverlay(ctx),
});
