/** The store screenshots: their size and names, shared by the script and its test. */
export const SCREENSHOT_SIZE = { width: 1280, height: 800 };
export const SCREENSHOT_LANGUAGES = ['en', 'ru'] as const;
/** File names in the order the listings show them. */
export const SCREENSHOT_FILES = ['1-watch-together.png', '2-friends.png', '3-room.png'];
