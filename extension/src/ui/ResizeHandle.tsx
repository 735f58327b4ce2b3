import { t } from '../i18n';
import { maxSidebarWidth, SIDEBAR_MIN } from './sidebar-width';

const KEY_STEP = 20;

/**
 * The sidebar's left edge: drag it, or focus it and use the arrow keys (Home/End for
 * the narrowest and widest), to change the sidebar's width. A vertical separator.
 */
export function ResizeHandle(props: {
  width: number;
  onResize: (width: number) => void;
  onDone: () => void;
}) {
  const max = maxSidebarWidth(globalThis.innerWidth ?? 1280);
  return (
    // A focusable separator is the ARIA window-splitter pattern; <hr> cannot take focus.
    // biome-ignore lint/a11y/useSemanticElements: interactive splitter, not a rule line
    <div
      class="kv-resize"
      role="separator"
      aria-orientation="vertical"
      aria-label={t('resizeSidebar')}
      aria-valuemin={SIDEBAR_MIN}
      aria-valuemax={max}
      aria-valuenow={props.width}
      tabIndex={0}
      onPointerDown={(event) => {
        const handle = event.currentTarget;
        const startX = event.clientX;
        const startWidth = props.width;
        handle.setPointerCapture(event.pointerId);
        const move = (e: PointerEvent) => props.onResize(startWidth + (startX - e.clientX));
        const up = () => {
          handle.removeEventListener('pointermove', move);
          handle.removeEventListener('pointerup', up);
          handle.removeEventListener('pointercancel', up);
          props.onDone();
        };
        handle.addEventListener('pointermove', move);
        handle.addEventListener('pointerup', up);
        handle.addEventListener('pointercancel', up);
        event.preventDefault();
      }}
      onKeyDown={(event) => {
        const next =
          event.key === 'ArrowLeft'
            ? props.width + KEY_STEP
            : event.key === 'ArrowRight'
              ? props.width - KEY_STEP
              : event.key === 'Home'
                ? SIDEBAR_MIN
                : event.key === 'End'
                  ? max
                  : null;
        if (next === null) return;
        event.preventDefault();
        props.onResize(next);
        props.onDone();
      }}
    />
  );
}
