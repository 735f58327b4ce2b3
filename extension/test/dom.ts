/**
 * A fake DOM (happy-dom) for component tests, installed only for the test file
 * that asks for it and removed afterwards: `bun test` runs every package's tests
 * in one process, and other suites must keep Bun's own fetch/Request/Event.
 */
import { afterAll, beforeAll } from 'bun:test';
import { Window } from 'happy-dom';
import { options } from 'preact';

const GLOBALS = [
  'window',
  'document',
  'navigator',
  'Node',
  'Element',
  'HTMLElement',
  'HTMLInputElement',
  'HTMLVideoElement',
  'Event',
  'KeyboardEvent',
  'MouseEvent',
  'InputEvent',
  'SubmitEvent',
  'FocusEvent',
  'MutationObserver',
  'requestAnimationFrame',
  'cancelAnimationFrame',
  'getComputedStyle',
] as const;

export interface TestDom {
  window: Window;
  /** A fresh container in the document body. */
  container(): HTMLElement;
}

export function useDom(): TestDom {
  const window = new Window({ url: 'http://localhost:3000/films/night-train' });
  const g = globalThis as Record<string, unknown>;
  const saved = new Map<string, PropertyDescriptor | undefined>();
  beforeAll(() => {
    const w = window as unknown as Record<string, unknown>;
    for (const name of GLOBALS) {
      saved.set(name, Object.getOwnPropertyDescriptor(globalThis, name));
      const value = w[name];
      Object.defineProperty(globalThis, name, {
        configurable: true,
        writable: true,
        value: typeof value === 'function' && /^[a-z]/.test(name) ? value.bind(window) : value,
      });
    }
  });
  afterAll(() => {
    for (const [name, descriptor] of saved) {
      if (descriptor) Object.defineProperty(globalThis, name, descriptor);
      else delete g[name];
    }
    window.close();
  });
  return {
    window,
    container() {
      const el = window.document.createElement('div');
      window.document.body.append(el);
      return el as unknown as HTMLElement;
    },
  };
}

// Preact runs effects after the next paint; it looked for requestAnimationFrame when it
// loaded, before this fake DOM existed. Effects then run on the next tick (as
// preact/test-utils arranges), so settle() below sees them.
(options as { requestAnimationFrame?: (cb: () => void) => void }).requestAnimationFrame = (cb) =>
  setTimeout(cb, 0);

/** Lets Preact flush renders and effects. */
export async function settle(): Promise<void> {
  for (let i = 0; i < 3; i++) await new Promise((resolve) => setTimeout(resolve, 0));
}
