/**
 * One client id per tab, kept in sessionStorage so a reload of the same tab is the
 * same client to the server (its unacknowledged chat keeps its identity too).
 */
const KEY = 'kino-vmeste-client-id';

export function tabClientId(storage: Storage = sessionStorage): string {
  const existing = storage.getItem(KEY);
  if (existing && /^[A-Za-z0-9_-]{8,64}$/.test(existing)) return existing;
  const id = crypto.randomUUID();
  storage.setItem(KEY, id);
  return id;
}
