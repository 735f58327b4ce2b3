/** Tokens minted exactly like the demo cinema does. */
import { signCinemaToken } from '@kino/cinema/token';

export const USER_NAMES: Record<string, string> = {
  anna: 'Анна',
  boris: 'Борис',
  vera: 'Вера',
  gleb: 'Глеб',
  dasha: 'Даша',
};

export function tokenFor(
  userId: string,
  extra: { expiresInSec?: number; issuedAtSec?: number } = {},
) {
  return signCinemaToken({ sub: userId, name: USER_NAMES[userId] ?? userId, ...extra });
}

export async function authHeaders(userId: string): Promise<Record<string, string>> {
  return { authorization: `Bearer ${await tokenFor(userId)}` };
}
