/**
 * How wide the docked sidebar is. The page gives up this much of its width, so the
 * default grows with the screen but never takes much of a small one: 300 px at
 * 1280, 400 px from about 1800 up. A width the user dragged is kept within bounds
 * of the current window.
 */
export const SIDEBAR_MIN = 260;
const SIDEBAR_MAX = 560;
const DEFAULT_MIN = 300;
const DEFAULT_MAX = 400;
/** Share of the window the default takes. */
const DEFAULT_SHARE = 0.22;
/** Never more than this share of the window, so the film keeps most of it. */
const MAX_SHARE = 0.45;

export function defaultSidebarWidth(viewportWidth: number): number {
  const wanted = Math.round(viewportWidth * DEFAULT_SHARE);
  return clampSidebarWidth(Math.min(DEFAULT_MAX, Math.max(DEFAULT_MIN, wanted)), viewportWidth);
}

export function maxSidebarWidth(viewportWidth: number): number {
  return Math.max(SIDEBAR_MIN, Math.min(SIDEBAR_MAX, Math.floor(viewportWidth * MAX_SHARE)));
}

export function clampSidebarWidth(width: number, viewportWidth: number): number {
  if (!Number.isFinite(width)) return defaultSidebarWidth(viewportWidth);
  return Math.round(Math.min(maxSidebarWidth(viewportWidth), Math.max(SIDEBAR_MIN, width)));
}

/** The width to use: the user's choice when there is one, else the default. */
export function sidebarWidthFor(chosen: number | null, viewportWidth: number): number {
  return chosen === null
    ? defaultSidebarWidth(viewportWidth)
    : clampSidebarWidth(chosen, viewportWidth);
}
