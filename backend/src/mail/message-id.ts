/**
 * Message-IDs for queued mail. Fixed when a mail is queued and sent with every attempt, so
 * if a crash makes us send an invite twice, both copies carry the same Message-ID and mail
 * systems (and people) can tell it is one message.
 */
import { randomUUID } from 'node:crypto';

/** The domain of a From address (`Name <user@domain>` or `user@domain`); a fallback otherwise. */
export function mailDomain(from: string): string {
  const domain = /@([A-Za-z0-9.-]+)>?\s*$/.exec(from)?.[1];
  return domain?.includes('.') ? domain.toLowerCase() : 'kino-vmeste.local';
}

export function newMessageId(domain: string): string {
  return `<${randomUUID()}@${domain}>`;
}
