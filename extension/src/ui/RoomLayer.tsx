import { useEffect, useRef } from 'preact/hooks';
import { ChatAnnouncer } from './ChatAnnouncer';
import { CollapsedTab } from './CollapsedTab';
import { FloatingReactions } from './FloatingReactions';
import { OverFullscreen } from './OverFullscreen';
import { ReactionStrip } from './ReactionStrip';
import type { RoomLayerModel } from './room-model';
import { isDeadEnd } from './room-screen';
import { Sidebar } from './Sidebar';

/**
 * The room layer: a popover in the browser's top layer (so it stays above the page's
 * own full screen too) that only its children make clickable. It holds the docked
 * sidebar (or, collapsed, a tab at the window's edge), and reactions over the video.
 * In the page's own full screen only the reactions, toasts and a hint where the chat went.
 */
export function RoomLayer({
  model,
  onLayer,
}: {
  model: RoomLayerModel;
  onLayer?: (el: HTMLElement) => void;
}) {
  const layer = useRef<HTMLDivElement>(null);
  // Set when the user collapsed or expanded: the part that appears takes the focus.
  const toggled = useRef(false);
  useEffect(() => {
    if (layer.current) onLayer?.(layer.current);
  }, []);
  const view = model.view.value;
  const rect = model.videoRect.value;
  const fullscreen = model.fullscreen.value;
  const collapsed = model.collapsed.value;
  const screen = model.screen.value;
  const timeline = model.timeline;
  const histogram = timeline?.timeline.histogram.value ?? null;
  const strip = timeline?.strip.value ?? null;
  // Live, or closed (watching the room's film again later: the video is the user's own).
  const timelineOn = screen.kind === 'live' || screen.kind === 'closed';
  const archive = screen.kind === 'closed';
  // A closed room offers replay only when it has reactions to replay.
  const replayOffered = timelineOn && (!archive || (histogram?.total ?? 0) > 0);
  const replay = replayOffered &&
    timeline && {
      on: timeline.timeline.replayOn.value,
      set: (on: boolean) => timeline.timeline.setReplay(on),
    };
  const floating = timeline
    ? [...view.floating, ...timeline.timeline.replayed.value]
    : view.floating;
  const setCollapsed = (value: boolean) => {
    toggled.current = true;
    model.collapsed.value = value;
  };
  const takeFocus = toggled.current;
  toggled.current = false;
  return (
    <div
      ref={layer}
      class="kv-layer"
      popover="manual"
      data-fullscreen={fullscreen}
      style={{
        '--kv-width': `${model.width.value}px`,
        '--kv-edge': `${fullscreen === 'none' ? model.edge.value : 0}px`,
      }}
    >
      {rect && (
        <div
          class="kv-floats"
          style={{ top: rect.top, left: rect.left, width: rect.width, height: rect.height }}
        >
          <FloatingReactions items={floating} />
        </div>
      )}
      {timeline && histogram && strip && timelineOn && (
        <ReactionStrip
          histogram={histogram}
          peaks={timeline.timeline.peaks.value}
          box={strip}
          canControl={archive || (view.you?.canControl ?? false)}
          onJump={archive ? timeline.jumpLocally : timeline.jump}
        />
      )}
      {/* Outside the sidebar: new lines are read out while it is collapsed too. */}
      <ChatAnnouncer messages={view.messages} youId={view.you?.userId ?? null} />
      {fullscreen === 'other' ? (
        <OverFullscreen toasts={isDeadEnd(screen.kind) ? [] : view.toasts} />
      ) : collapsed ? (
        <CollapsedTab
          view={view}
          screen={screen}
          takeFocus={takeFocus}
          onExpand={() => setCollapsed(false)}
        />
      ) : (
        <Sidebar
          view={view}
          screen={screen}
          facts={model.facts.value}
          knock={model.knock.value}
          player={model.player.value}
          videoCount={model.videoCount?.value}
          width={model.width.value}
          fullscreen={fullscreen}
          takeFocus={takeFocus}
          onCollapsedChange={setCollapsed}
          actions={model.actions}
          replay={replay || undefined}
        />
      )}
    </div>
  );
}
