import type { ProtocolError } from './errors.ts';

/** Bumped on any incompatible change of a message shape. Both ends must speak the same version. */
export const PROTOCOL_VERSION = 1;

/**
 * Checks the version a client announced in `hello`. Refusing with a reason (not a crash)
 * lets an outdated extension tell its user to update.
 */
export function checkVersion(
  clientVersion: number,
  serverVersion: number = PROTOCOL_VERSION,
): ProtocolError | null {
  if (clientVersion === serverVersion) return null;
  return {
    code: 'version_mismatch',
    message: `server speaks v${serverVersion}, client v${clientVersion}`,
  };
}
