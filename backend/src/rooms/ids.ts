import { randomBytes } from 'node:crypto';

/** 128 random bits, URL-safe: room ids must not be guessable. */
export function newSecretId(): string {
  return randomBytes(16).toString('base64url');
}
