/**
 * The privacy policy of Kino Vmeste, in Russian and English: what the extension sends,
 * what the service keeps and for how long, who else sees it. The store listings link to
 * it (deploy/store/), the backend serves it at /privacy.
 *
 * `transmitted` has one entry per data category the Firefox build declares
 * (extension/data-collection.ts); a test keeps the two in step.
 */
import type { Lang } from '../join/language.ts';

/** Shown on the page; change it whenever the text changes. */
export const POLICY_UPDATED = '2026-11-30';

export interface PolicyText {
  title: string;
  updated: string;
  intro: string;
  transmittedHeading: string;
  /** Keyed by Firefox's data-collection category; `label` is what the page shows. */
  transmitted: Record<
    | 'authenticationInfo'
    | 'personallyIdentifyingInfo'
    | 'personalCommunications'
    | 'browsingActivity'
    | 'websiteActivity',
    { label: string; text: string }
  >;
  /** `{idleMinutes}` is replaced with the deployment's ROOM_IDLE_TTL_SECONDS in minutes. */
  sections: { heading: string; paragraphs: string[] }[];
  contact: (address: string) => string;
  otherLanguage: string;
}

const ru: PolicyText = {
  title: 'Политика конфиденциальности «Кино Вместе»',
  updated: 'Редакция от',
  intro:
    '«Кино Вместе» — расширение для браузера и сервер, с которыми друзья смотрят один фильм в онлайн-кинотеатре синхронно, общаются в чате и отправляют реакции. Здесь сказано, какие данные для этого передаются, где они хранятся и сколько.',
  transmittedHeading: 'Что расширение отправляет на сервер «Кино Вместе»',
  transmitted: {
    authenticationInfo: {
      label: 'Данные для входа',
      text: 'Токен, которым кинотеатр подтверждает, что вы вошли (в нём ваш идентификатор и имя). Сервер проверяет по нему, что в комнату входит приглашённый человек. Сервер его не сохраняет, в адресах страниц он не появляется.',
    },
    personallyIdentifyingInfo: {
      label: 'Имя и приглашённые',
      text: 'Имя и идентификатор пользователя, как их знает кинотеатр, и идентификаторы друзей, которых вы приглашаете. Адреса электронной почты друзей сервер узнаёт у кинотеатра, чтобы отправить приглашения.',
    },
    personalCommunications: {
      label: 'Чат и реакции',
      text: 'Сообщения чата и реакции (эмодзи), которые вы отправляете в комнате. Их видят только участники комнаты.',
    },
    browsingActivity: {
      label: 'Какой фильм',
      text: 'Какой фильм смотрит комната: идентификатор фильма в кинотеатре или адрес страницы на сайте, который вы сами включили в расширении. Другие страницы, которые вы открываете, расширение не видит и никуда не отправляет.',
    },
    websiteActivity: {
      label: 'Управление видео',
      text: 'Действия с видео в комнате — воспроизведение, пауза, перемотка, буферизация — и позиция фильма, чтобы у всех участников он шёл одинаково.',
    },
  },
  sections: [
    {
      heading: 'Когда это происходит',
      paragraphs: [
        'Только когда вы пользуетесь комнатой: открываете список друзей, создаёте комнату, входите в неё по приглашению. На остальных сайтах расширение не работает, пока вы сами не включите его для сайта.',
      ],
    },
    {
      heading: 'Что и сколько хранится',
      paragraphs: [
        'Комната (фильм, владелец, приглашённые с именами и адресами почты, время входа и выхода участников) хранится в базе данных сервера как архив комнат.',
        'Кто сейчас в комнате, хранится, пока она открыта; комната закрывается, когда её закрывает владелец или через {idleMinutes} мин без участников.',
        'Чат и реакции комнаты, где был фильм и её настройки хранятся в базе данных вместе с архивом комнаты: так переподключившийся участник ничего не пропускает, а участники могут позже пересмотреть фильм с реакциями комнаты.',
        'Просьбы войти в комнату (имя и адрес почты того, кто просит, и чей он друг) и удаления участников владельцем хранятся вместе с комнатой.',
        'Письма-приглашения хранятся в очереди отправки, пока почтовый сервер их не примет, и остаются в ней как журнал отправки.',
        'В самом браузере расширение хранит свои настройки и включённые вами сайты (storage.local) и текущую комнату до закрытия браузера (storage.session).',
      ],
    },
    {
      heading: 'Кто ещё получает данные',
      paragraphs: [
        'Кинотеатр, у которого сервер спрашивает ваших друзей и их адреса почты, и почтовый сервер, через который уходят приглашения. Больше никто: мы не показываем рекламу, не ведём аналитику и слежку, не продаём и не передаём данные третьим лицам.',
        'Все соединения зашифрованы (HTTPS и WSS).',
      ],
    },
    {
      heading: 'Ваши права',
      paragraphs: [
        'Вы можете попросить показать или удалить данные о себе и о комнатах, в которых вы были. Чтобы расширение больше ничего не отправляло, удалите его из браузера.',
      ],
    },
  ],
  contact: (address) => `Вопросы и запросы на удаление: ${address}.`,
  otherLanguage: 'English version',
};

const en: PolicyText = {
  title: 'Kino Vmeste privacy policy',
  updated: 'Version of',
  intro:
    'Kino Vmeste is a browser extension and a server with which friends watch one film on an online cinema in sync, chat and send reactions. This page says what data that takes, where it is kept and for how long.',
  transmittedHeading: 'What the extension sends to the Kino Vmeste server',
  transmitted: {
    authenticationInfo: {
      label: 'Sign-in data',
      text: 'The token with which the cinema confirms that you are signed in (it carries your user id and name). The server checks with it that whoever enters a room was invited. The server does not keep it, and it never appears in page addresses.',
    },
    personallyIdentifyingInfo: {
      label: 'Names and invitees',
      text: 'Your name and user id as the cinema knows them, and the ids of the friends you invite. The server asks the cinema for your friends’ e-mail addresses to send them the invitations.',
    },
    personalCommunications: {
      label: 'Chat and reactions',
      text: 'Chat messages and reactions (emoji) you send in a room. Only the members of that room see them.',
    },
    browsingActivity: {
      label: 'Which film',
      text: 'Which film a room is for: the film id on the cinema, or the page address on a site you enabled in the extension yourself. Other pages you open are not seen by the extension and not sent anywhere.',
    },
    websiteActivity: {
      label: 'Video controls',
      text: 'What happens to the video in a room — play, pause, seek, buffering — and the film position, so that it plays the same for every member.',
    },
  },
  sections: [
    {
      heading: 'When this happens',
      paragraphs: [
        'Only while you use a room: open the list of friends, create a room, join one from an invitation. On other sites the extension does nothing until you enable it for that site.',
      ],
    },
    {
      heading: 'What is kept, and for how long',
      paragraphs: [
        'A room (the film, its owner, the invited people with their names and e-mail addresses, when members joined and left) is kept in the server’s database as the archive of rooms.',
        'Who is in a room now is kept while it is open; a room closes when its owner closes it or after {idleMinutes} minutes without members.',
        'A room’s chat and reactions, where its film was and its settings are kept in the database with the room’s archive: someone who reconnects misses nothing, and members can later watch the film again with the room’s reactions.',
        'Requests to join a room (the name and e-mail address of who asked, and whose friend they are) and the owner’s removals of members are kept with the room.',
        'Invitation e-mails are kept in the sending queue until the mail server accepts them, and stay there as the record of what was sent.',
        'In your browser the extension keeps its settings and the sites you enabled (storage.local) and the current room until the browser closes (storage.session).',
      ],
    },
    {
      heading: 'Who else receives data',
      paragraphs: [
        'The cinema, which the server asks for your friends and their e-mail addresses, and the mail server that delivers the invitations. Nobody else: we show no ads, run no analytics or tracking, and do not sell or share data with third parties.',
        'Every connection is encrypted (HTTPS and WSS).',
      ],
    },
    {
      heading: 'Your rights',
      paragraphs: [
        'You may ask to see or delete the data about you and the rooms you were in. To stop the extension sending anything, remove it from your browser.',
      ],
    },
  ],
  contact: (address) => `Questions and deletion requests: ${address}.`,
  otherLanguage: 'Русская версия',
};

export const POLICY: Record<Lang, PolicyText> = { ru, en };
