/** What the backend needs from the cinema's user API (ARCHITECTURE.md "User API"). */
export interface DirectoryUser {
  id: string;
  name: string;
  email: string;
  locale: string;
  /** IANA time zone, when the cinema's profile has one (scheduled-screening mails). */
  timeZone?: string;
}

export interface DirectoryFriend {
  id: string;
  name: string;
  email: string;
  /** Optional: a cinema that doesn't say gets mails in both languages, Russian first. */
  locale?: string;
  timeZone?: string;
}

export interface DirectoryFilm {
  id: string;
  title: string;
  /** The film page on the cinema. */
  url: string;
  durationSec: number;
}

/** Tests can use the real demo cinema (HTTP client) or any object with these methods. */
export interface Directory {
  /** null when the cinema does not know the user. */
  getUser(id: string): Promise<DirectoryUser | null>;
  /** The user's friends, only those who want to watch `wantsFilm` when given. */
  getFriends(userId: string, opts?: { wantsFilm?: string }): Promise<DirectoryFriend[]>;
  /** null when the cinema does not know the film. */
  getFilm(id: string): Promise<DirectoryFilm | null>;
}
