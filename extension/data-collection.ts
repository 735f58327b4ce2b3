/**
 * What the extension transmits, in Firefox's data-collection categories
 * (https://extensionworkshop.com/documentation/develop/firefox-builtin-data-consent/).
 * `wxt.config.ts` declares exactly these as required in the Firefox manifest, and the
 * privacy policy the backend serves must explain each one (a test checks both).
 * All of it goes only to the Kino Vmeste backend of this build (build-config.ts) and
 * only while the user uses a room: without it there is no room to watch in.
 */
export const TRANSMITTED_DATA = {
  authenticationInfo:
    "the cinema's sign-in token (it carries the user's id and name), sent to the backend to prove who joins a room",
  personallyIdentifyingInfo:
    'the user’s name as the cinema knows it, and the ids of the friends the user invites (the backend looks up their e-mail addresses at the cinema to send the invites)',
  personalCommunications: 'chat messages and emoji reactions sent in a room',
  browsingActivity:
    'which film the room is for: the film id on the cinema, or the page address on a site the user enabled',
  websiteActivity: 'play, pause, seek and buffering on the video, to keep everyone in step',
} as const;

export type DataCategory = keyof typeof TRANSMITTED_DATA;

export const FIREFOX_DATA_COLLECTION = {
  required: Object.keys(TRANSMITTED_DATA) as DataCategory[],
};
