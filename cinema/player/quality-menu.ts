/**
 * The quality menu: "Auto" plus one item per HLS rendition, highest first. The button says
 * what is picked, and with Auto which rendition plays now. Hidden while there is no choice
 * (a progressive file, or during the ad).
 */
import { LABELS } from './labels.ts';
import type { PlayerParts } from './parts.ts';
import type { Rendition } from './stream.ts';

export interface QualityMenu {
  setRenditions(renditions: Rendition[]): void;
  showPlaying(index: number): void;
  reset(): void;
  setAvailable(available: boolean): void;
}

export function createQualityMenu(parts: PlayerParts, pick: (index: number) => void): QualityMenu {
  const { quality, qualityButton: button, qualityMenu: menu } = parts;
  let renditions: Rendition[] = [];
  let picked = -1;
  let playing = -1;
  let available = true;

  const labelOf = (index: number) => renditions.find((r) => r.index === index)?.label ?? '';
  const render = () => {
    quality.hidden = !available || renditions.length < 2;
    const auto = picked === -1;
    button.textContent = auto
      ? `${LABELS.auto}${playing >= 0 ? ` (${labelOf(playing)})` : ''}`
      : labelOf(picked);
    for (const item of menu.querySelectorAll<HTMLElement>('[data-index]')) {
      item.setAttribute('aria-checked', String(Number(item.dataset.index) === picked));
    }
  };
  const close = () => {
    menu.hidden = true;
    button.setAttribute('aria-expanded', 'false');
  };
  const item = (index: number, text: string) => {
    const li = document.createElement('li');
    li.setAttribute('role', 'menuitemradio');
    li.tabIndex = -1;
    li.dataset.index = String(index);
    li.textContent = text;
    return li;
  };

  button.addEventListener('click', () => {
    menu.hidden = !menu.hidden;
    button.setAttribute('aria-expanded', String(!menu.hidden));
    if (!menu.hidden) menu.querySelector<HTMLElement>('[aria-checked="true"]')?.focus();
  });
  menu.addEventListener('click', (event) => {
    const target = (event.target as HTMLElement).closest<HTMLElement>('[data-index]');
    if (!target) return;
    picked = Number(target.dataset.index);
    pick(picked);
    close();
    render();
    button.focus();
  });
  menu.addEventListener('keydown', (event) => {
    const items = [...menu.querySelectorAll<HTMLElement>('[data-index]')];
    const at = items.indexOf(document.activeElement as HTMLElement);
    if (event.key === 'ArrowDown' || event.key === 'ArrowUp') {
      event.preventDefault();
      const step = event.key === 'ArrowDown' ? 1 : -1;
      items[(at + step + items.length) % items.length]?.focus();
    } else if (event.key === 'Enter' || event.key === ' ') {
      event.preventDefault();
      items[at]?.click();
    } else if (event.key === 'Escape') {
      close();
      button.focus();
    }
  });
  document.addEventListener('click', (event) => {
    if (!quality.contains(event.target as Node)) close();
  });

  return {
    setRenditions(list) {
      renditions = [...list].sort((a, b) => b.height - a.height);
      menu.replaceChildren(item(-1, LABELS.auto), ...renditions.map((r) => item(r.index, r.label)));
      render();
    },
    showPlaying(index) {
      playing = index;
      render();
    },
    reset() {
      renditions = [];
      picked = -1;
      playing = -1;
      menu.replaceChildren();
      close();
      render();
    },
    setAvailable(value) {
      available = value;
      if (!value) close();
      render();
    },
  };
}
