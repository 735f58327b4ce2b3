import '../../src/ui/style.css';
import { runOverlay } from '../../src/features/run-overlay';

/** The overlay on the demo cinema; other sites get it at runtime from the popup. */
export default defineContentScript({
  matches: ['http://localhost/films/*'],
  cssInjectionMode: 'ui',
  main: (ctx) => runOverlay(ctx),
});
