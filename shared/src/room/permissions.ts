/** Who may steer the room's playback. */
import type { RoomSettings } from '../types.ts';

export function canControl(settings: RoomSettings, isOwner: boolean): boolean {
  return settings.controlMode === 'everyone' || isOwner;
}

/** Only the owner changes room settings, whatever the control mode. */
export function canChangeSettings(isOwner: boolean): boolean {
  return isOwner;
}

export const DEFAULT_ROOM_SETTINGS: RoomSettings = {
  controlMode: 'everyone',
  bufferPolicy: 'wait',
};
