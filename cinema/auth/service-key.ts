/** Checks the backend's `Authorization: Bearer <service key>` in constant time. */
import { timingSafeEqual } from 'node:crypto';

export function hasServiceKey(req: Request, serviceKey: string): boolean {
  const header = req.headers.get('authorization') ?? '';
  const match = /^Bearer (.+)$/.exec(header);
  if (!match?.[1]) return false;
  const given = Buffer.from(match[1]);
  const expected = Buffer.from(serviceKey);
  return given.length === expected.length && timingSafeEqual(given, expected);
}
