import { filmUrlWithInvite, readJoinPage } from './invite-hash';

/**
 * On the backend's `/join/<room>` page: mark the page (so it stops explaining how
 * to install the extension) and open the film page with the room in its hash.
 */
export function handOverInvite(doc: Document, location: Pick<Location, 'assign'>): string | null {
  doc.documentElement.dataset.kinoExtension = '1';
  const page = readJoinPage(doc);
  if (!page) return null;
  const target = filmUrlWithInvite(page.filmUrl, page.target);
  if (target) location.assign(target);
  return target;
}
