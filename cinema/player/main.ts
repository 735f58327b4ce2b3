/** The cinema's player script (served as /static/player.js): mounts every player on the page. */
import { mountPlayer } from './mount.ts';

for (const container of document.querySelectorAll<HTMLElement>('.cinema-player')) {
  mountPlayer(container);
}
