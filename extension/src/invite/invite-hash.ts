/**
 * The hand-over from the backend's join page to the film page travels in the URL
 * hash (`#kino-room=<id>`): the hash never reaches the cinema's server. Who may join is
 * decided by the server from the signed-in user, so the room id is all it carries.
 */
import { isRoomIdShaped } from '@kino/shared/ids';

export interface InviteTarget {
  roomId: string;
}

export function buildInviteHash(target: InviteTarget): string {
  return `#${new URLSearchParams({ 'kino-room': target.roomId }).toString()}`;
}

export function parseInviteHash(hash: string): InviteTarget | null {
  const params = new URLSearchParams(hash.replace(/^#/, ''));
  const roomId = params.get('kino-room');
  if (!roomId || !isRoomIdShaped(roomId)) return null;
  return { roomId };
}

/** The film page URL to open for an invite; null when `filmUrl` is not http(s). */
export function filmUrlWithInvite(filmUrl: string, target: InviteTarget): string | null {
  try {
    const url = new URL(filmUrl);
    if (url.protocol !== 'http:' && url.protocol !== 'https:') return null;
    url.hash = buildInviteHash(target);
    return url.toString();
  } catch {
    return null;
  }
}

/** The URL without our hash, so a reload does not re-join a room the user left. */
export function withoutInviteHash(href: string): string {
  const url = new URL(href);
  if (parseInviteHash(url.hash)) url.hash = '';
  return url.toString().replace(/#$/, '');
}

/** Reads the join page's metas (`kino-room`, `kino-film-url`). */
export function readJoinPage(doc: Document): { filmUrl: string; target: InviteTarget } | null {
  const meta = (name: string) =>
    doc.querySelector<HTMLMetaElement>(`meta[name="${name}"]`)?.content?.trim() || null;
  const roomId = meta('kino-room');
  const filmUrl = meta('kino-film-url');
  if (!roomId || !filmUrl || !isRoomIdShaped(roomId)) return null;
  return { filmUrl, target: { roomId } };
}
