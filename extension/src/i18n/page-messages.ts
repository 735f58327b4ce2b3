/**
 * Texts of a room for any page (not a film the cinema knows), in English and Russian;
 * messages.ts spreads them into its tables.
 */
export const pageEn = {
  friendsTitle: 'Invite your friends',
  noFriends: 'You have no friends at the cinema yet: share the link instead.',
  pageLinkRoomOffer: 'Anyone with the link may join (share it after Start)',
} as const;

export const pageRu: Record<keyof typeof pageEn, string> = {
  friendsTitle: 'Пригласите друзей',
  noFriends: 'У вас пока нет друзей в кинотеатре: поделитесь ссылкой.',
  pageLinkRoomOffer: 'Пускать всех, у кого есть ссылка (поделитесь ею после «Начать»)',
};
