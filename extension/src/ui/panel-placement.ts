/**
 * Where the Watch together panel opens: below the button when it fits, else above it
 * (over the player, which is not playing yet), so Start is on screen without scrolling
 * and the film's title below the player stays readable.
 */
export interface PanelPlacement {
  side: 'below' | 'above';
  /** Taller content scrolls inside the panel. */
  maxHeight: number;
}

/** Height the panel needs for a few friends, the link option and Start. */
export const PANEL_WANTED_PX = 300;
const GAP = 6;
const MARGIN = 12;
const SMALLEST = 160;

export function placePanel(
  button: { top: number; bottom: number },
  viewportHeight: number,
): PanelPlacement {
  const below = viewportHeight - button.bottom - GAP - MARGIN;
  const above = button.top - GAP - MARGIN;
  if (below >= PANEL_WANTED_PX || below >= above) {
    return { side: 'below', maxHeight: Math.max(SMALLEST, below) };
  }
  return { side: 'above', maxHeight: Math.max(SMALLEST, above) };
}
