/** A room view and sidebar actions for component tests. */
import { mock } from 'bun:test';
import { initialRoomView, type RoomView } from '../src/room/room-state';
import type { SidebarActions } from '../src/ui/room-model';

/** Anna's room with Boris (buffering) in it and one chat line, connected. */
export function view(overrides: Partial<RoomView> = {}): RoomView {
  return {
    ...initialRoomView(),
    status: 'connected',
    you: { userId: 'anna', name: 'Anna', connectionId: 'c1', isOwner: true, canControl: true },
    room: {
      id: 'r1',
      filmId: 'night-train',
      ownerId: 'anna',
      settings: { controlMode: 'everyone', bufferPolicy: 'wait' },
    },
    participants: [
      {
        userId: 'anna',
        name: 'Anna',
        connectionId: 'c1',
        instanceId: 'i',
        joinedAt: 1,
        buffering: false,
      },
      {
        userId: 'boris',
        name: 'Boris',
        connectionId: 'c2',
        instanceId: 'i',
        joinedAt: 2,
        buffering: true,
      },
    ],
    messages: [
      {
        id: 'm-00001',
        cursor: 5,
        kind: 'text',
        userId: 'boris',
        name: 'Boris',
        text: 'hello',
        at: 1,
        position: 0,
      },
    ],
    hasMore: true,
    ...overrides,
  };
}

export function actions(): SidebarActions & Record<string, ReturnType<typeof mock>> {
  return {
    sendChat: mock(() => {}),
    sendReaction: mock(() => {}),
    loadOlder: mock(() => {}),
    copyInvite: mock(async () => true),
    leave: mock(() => {}),
    closeRoom: mock(() => {}),
    changeSettings: mock(() => {}),
    retry: mock(() => {}),
    startNewRoom: mock(() => {}),
    toggleFullscreen: mock(() => {}),
    resize: mock((_: number) => {}),
    resizeDone: mock(() => {}),
    serverNow: mock(() => Date.now()),
    startNow: mock(() => {}),
    reschedule: mock(async (_: string) => null as string | null),
    cancelScreening: mock(async () => null as string | null),
    knock: mock(() => {}),
    answerKnock: mock((_: string, __: boolean) => {}),
    revoke: mock((_: string) => {}),
  };
}
