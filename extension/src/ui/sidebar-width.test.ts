import { expect, test } from 'bun:test';
import {
  clampSidebarWidth,
  defaultSidebarWidth,
  maxSidebarWidth,
  SIDEBAR_MIN,
  sidebarWidthFor,
} from './sidebar-width';

test('the default grows with the window from 300 px at 1280 to 400 px on wide screens', () => {
  expect(defaultSidebarWidth(1280)).toBe(300);
  expect(defaultSidebarWidth(1440)).toBe(317);
  expect(defaultSidebarWidth(1920)).toBe(400);
  expect(defaultSidebarWidth(2560)).toBe(400);
});

test('the film keeps most of the window: at 1280 the page keeps at least 75%', () => {
  for (const width of [1280, 1366, 1536, 1920, 2560]) {
    expect(defaultSidebarWidth(width) / width).toBeLessThanOrEqual(0.25);
  }
});

test('a dragged width stays between the minimum and under half the window', () => {
  expect(clampSidebarWidth(100, 1920)).toBe(SIDEBAR_MIN);
  expect(clampSidebarWidth(2000, 1920)).toBe(maxSidebarWidth(1920));
  expect(maxSidebarWidth(1280)).toBe(560);
  expect(maxSidebarWidth(1000)).toBe(450);
  expect(clampSidebarWidth(500, 1280)).toBe(500);
  expect(clampSidebarWidth(700, 1280)).toBe(maxSidebarWidth(1280));
  expect(clampSidebarWidth(Number.NaN, 1280)).toBe(300);
});

test('a chosen width wins over the default, within bounds of the current window', () => {
  expect(sidebarWidthFor(null, 1920)).toBe(400);
  expect(sidebarWidthFor(350, 1920)).toBe(350);
  expect(sidebarWidthFor(550, 1000)).toBe(450);
});
