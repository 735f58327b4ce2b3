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
    createGenericAdapter(settings.enabledOrigins, genericSession),
  ];
  return adapters.find((adapter) => adapter.matches(url)) ?? null;
}
