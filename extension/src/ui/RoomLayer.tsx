import type { Signal } from '@preact/signals';
import type { RoomView } from '../room/room-state';
import { FloatingReactions } from './FloatingReactions';
import { Sidebar, type SidebarActions } from './Sidebar';

export interface VideoRect {
  top: number;
  left: number;
  width: number;
  height: number;
}

interface Props {
  view: Signal<RoomView>;
  videoRect: Signal<VideoRect | null>;
  collapsed: Signal<boolean>;
  actions: SidebarActions;
}

/** The full-viewport room layer: the sidebar, and reactions floating over the video. */
export function RoomLayer({ view, videoRect, collapsed, actions }: Props) {
  const rect = videoRect.value;
  return (
    <div class="kv-layer">
      {rect && (
        <div
          class="kv-floats"
          style={{ top: rect.top, left: rect.left, width: rect.width, height: rect.height }}
        >
          <FloatingReactions items={view.value.floating} />
        </div>
      )}
      <Sidebar
        view={view.value}
        collapsed={collapsed.value}
        onCollapsedChange={(value) => {
          collapsed.value = value;
        }}
        actions={actions}
      />
    </div>
  );
}
