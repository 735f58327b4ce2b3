import { parseInviteHash } from '../invite/invite-hash';
import { cinemaOriginsOf, type Settings } from '../settings/settings';
import { createDemoCinemaAdapter } from './demo-cinema';
import { createGenericAdapter } from './generic';
import type { SiteAdapter, SiteSession } from './types';

/** The first adapter that claims `url`: the cinema's own before the generic one. */
export function pickAdapter(
  url: URL,
  settings: Settings,
  genericSession: () => Promise<SiteSession | null>,
): SiteAdapter | null {
  const adapters = [
    ...cinemaOriginsOf(settings).map((origin) => createDemoCinemaAdapter(origin)),
    // A page opened for an invite (`#kino-room=…`) is where the user chose to join a room,
    // though the site is not enabled: only the background runs us there (join-open.ts).
    createGenericAdapter(
      parseInviteHash(url.hash)
        ? [...settings.enabledOrigins, url.origin]
        : settings.enabledOrigins,
      genericSession,
    ),
  ];
  return adapters.find((adapter) => adapter.matches(url)) ?? null;
}
