import { ChatError, type ChatErrorPayload, type Message } from '../protocol';
import { defaultStrings, type ChatStrings } from '../ui';

/** The room demo mode opens. */
export const DEMO_ROOM = 'welcome';

/** Light, dark, or whatever the operating system prefers. */
export type WidgetThemeMode = 'light' | 'dark' | 'system';

/**
 * The widget's theme: a mode, or an object with a mode and `--confab-*` custom properties to
 * override (any token of confab/styles.css).
 *
 * @example
 * const theme: WidgetTheme = { mode: 'dark', '--confab-color-accent': '#e2541b', '--confab-radius': '4px' };
 */
export type WidgetTheme = WidgetThemeMode | ({ mode?: WidgetThemeMode } & { [token: `--confab-${string}`]: string });

/** Who the visitor is: an id, or an id and a display name. */
export type WidgetUser = string | { id: string; name?: string };

/** Where the launcher sits. */
export type WidgetPosition = 'bottom-right' | 'bottom-left';

/**
 * What the widget is told to do with `init` (or `mount`). Either `server` (a Confab host) with a
 * token, or `demo: true` for an in-page server with a simulated person.
 *
 * @example
 * const options: WidgetOptions = {
 *   server: 'https://chat.example.com',
 *   tokenProvider: () => fetch('/chat-token').then((r) => r.text()),
 *   room: 'support',
 *   theme: 'system',
 * };
 */
export interface WidgetOptions {
  /**
   * The Confab host: its HTTP address (`https://chat.example.com`; the socket is `…/ws`) or its
   * socket URL (`wss://chat.example.com/ws`). Required unless `demo`.
   */
  server?: string;
  /** A token for the host (HS256, signed by your backend). For production prefer `tokenProvider`. */
  token?: string;
  /** Gives a fresh token for each connection (called again when the host says it expired). */
  tokenProvider?: () => string | Promise<string>;
  /**
   * Who the visitor is. With neither `token` nor `tokenProvider`, a token is asked from the host's
   * `POST /dev/token` (hosts started with `--dev` only). In demo mode, the visitor's id and name.
   */
  user?: WidgetUser;
  /** The room to open. */
  room?: string;
  /** Rooms to join (public rooms the visitor is not in yet); the first opens unless `room` is given. */
  rooms?: readonly string[];
  /** Default `system`. */
  theme?: WidgetTheme;
  /**
   * BCP 47 locale (`data-locale`): the chat's language (`es`, `de`, `fr`, `pt-BR`, `ja`, `ar`, which
   * is also right to left; any other shows English), fetched from `lazy/` beside the script, and
   * how dates and numbers are written. Default: English, with the browser's dates and numbers.
   */
  locale?: string;
  /** Default `bottom-right`. */
  position?: WidgetPosition;
  /** Open the panel at once. Default false. */
  open?: boolean;
  /** The in-page reference server with a simulated person: try the widget with no server. */
  demo?: boolean;
  /** The panel's title (its accessible name too). Default "Chat", in the chat's language. */
  title?: string;
  /** Overrides of the chat's texts (see `ChatStrings` in confab/ui). */
  strings?: Partial<ChatStrings>;
  /** Overrides of the widget's own texts (default: in the chat's language). */
  labels?: Partial<WidgetLabels>;
  /**
   * Browser notifications of new messages (direct messages and mentions by default), also while
   * the panel is closed; a click opens the panel at that room. Permission is asked only when the
   * visitor presses "Turn on notifications" under a room's bell. `true`, or `{ title, sound }` to
   * also put the unread count in the page title and play a short chime. Default off.
   */
  notifications?: boolean | WidgetNotifications;
}

/**
 * The widget's notification options beyond on and off.
 *
 * @example
 * const notifications: WidgetNotifications = { title: true, sound: true };
 */
export interface WidgetNotifications {
  /** The unread count in front of the page title. Default false. */
  title?: boolean;
  /** A short chime with each notification. Default false. */
  sound?: boolean;
}

/** The widget's own words; the chat's are `strings`. */
export interface WidgetLabels {
  /** The launcher's name when the panel is closed. */
  open: string;
  /** The launcher's and the close button's name when the panel is open. */
  close: string;
  /** Added to the launcher's name when there are unread messages. */
  unread: (count: number) => string;
}

/** The widget's own texts from the chat's (English, or a dictionary's). */
function labelsOf(strings: ChatStrings): WidgetLabels {
  return { open: strings.openChat, close: strings.closeChat, unread: strings.unreadCount };
}

export const DEFAULT_LABELS: WidgetLabels = labelsOf(defaultStrings);

/** What each event's callback receives. */
export interface WidgetEvents {
  /** Connected: the visitor's user id. After `setUser`, again for the new user. */
  ready: { userId: string };
  /** A message from someone else arrived (in any of the visitor's rooms). */
  message: { roomId: string; message: Message };
  /** The number of unread messages across rooms changed. */
  unread: { count: number };
  open: Record<string, never>;
  close: Record<string, never>;
  /** Something failed: connecting, a refused token, bad options. */
  error: ChatErrorPayload;
}

export type WidgetEventName = keyof WidgetEvents;
export const EVENT_NAMES: readonly WidgetEventName[] = ['ready', 'message', 'unread', 'open', 'close', 'error'];

/** Options after checking: the identity part is what `setUser` replaces. */
export interface ResolvedOptions {
  server: string | undefined;
  demo: boolean;
  identity: Identity;
  room: string | null;
  rooms: readonly string[];
  mode: WidgetThemeMode;
  tokens: ReadonlyArray<[string, string]>;
  locale: string | undefined;
  position: WidgetPosition;
  open: boolean;
  title: string;
  strings: Partial<ChatStrings> | undefined;
  labels: WidgetLabels;
  /** Null when notifications are off. */
  notifications: Required<WidgetNotifications> | null;
}

/** Who connects, and how they prove it. */
export interface Identity {
  user: { id: string; name: string | undefined } | null;
  token: string | undefined;
  tokenProvider: (() => string | Promise<string>) | undefined;
}

const TOKEN_NAME = /^--confab-[a-z0-9-]+$/;
const MODES: readonly WidgetThemeMode[] = ['light', 'dark', 'system'];
const POSITIONS: readonly WidgetPosition[] = ['bottom-right', 'bottom-left'];

const invalid = (message: string) => new ChatError('invalid', `Confab widget: ${message}`);

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function optionalString(options: Record<string, unknown>, name: string): string | undefined {
  const value = options[name];
  if (value === undefined || value === null || value === '') return undefined;
  if (typeof value !== 'string') throw invalid(`\`${name}\` must be a string.`);
  return value;
}

/** Checks the identity part of the options (also what `setUser` takes). */
export function resolveIdentity(input: unknown): Identity {
  if (!isRecord(input)) throw invalid('setUser takes an object: { user, token } or { user, tokenProvider }.');
  const token = optionalString(input, 'token');
  const tokenProvider = input['tokenProvider'];
  if (tokenProvider !== undefined && typeof tokenProvider !== 'function') throw invalid('`tokenProvider` must be a function returning a token (or a promise of one).');
  const rawUser = input['user'];
  let user: Identity['user'] = null;
  if (typeof rawUser === 'string' && rawUser !== '') user = { id: rawUser, name: undefined };
  else if (isRecord(rawUser) && typeof rawUser['id'] === 'string' && rawUser['id'] !== '') {
    user = { id: rawUser['id'], name: typeof rawUser['name'] === 'string' && rawUser['name'] !== '' ? rawUser['name'] : undefined };
  } else if (rawUser !== undefined && rawUser !== null && rawUser !== '') throw invalid('`user` must be an id or { id, name }.');
  return { user, token, tokenProvider: tokenProvider as Identity['tokenProvider'] };
}

/**
 * Checks `init`/`mount` options and fills in defaults. Throws a ChatError `invalid` that says what
 * is wrong.
 */
export function resolveOptions(input: unknown): ResolvedOptions {
  if (!isRecord(input)) throw invalid('init takes an object of options, e.g. { server, token }.');
  const demo = input['demo'] === true;
  const server = optionalString(input, 'server');
  if (!demo && server === undefined) throw invalid('give `server` (your Confab host) or `demo: true`.');
  const identity = resolveIdentity(input);
  if (!demo && !identity.token && !identity.tokenProvider && !identity.user) {
    throw invalid('give `token` or `tokenProvider` (or, with a host in dev mode, `user`).');
  }

  const room = optionalString(input, 'room') ?? null;
  const rawRooms = input['rooms'];
  if (rawRooms !== undefined && !(Array.isArray(rawRooms) && rawRooms.every((id) => typeof id === 'string' && id !== ''))) {
    throw invalid('`rooms` must be a list of room ids.');
  }
  const rooms = (rawRooms as string[] | undefined) ?? [];

  const theme = input['theme'];
  let mode: WidgetThemeMode = 'system';
  const tokens: Array<[string, string]> = [];
  if (typeof theme === 'string') {
    if (!MODES.includes(theme as WidgetThemeMode)) throw invalid(`\`theme\` must be ${MODES.join(', ')} or an object.`);
    mode = theme as WidgetThemeMode;
  } else if (isRecord(theme)) {
    for (const [key, value] of Object.entries(theme)) {
      if (key === 'mode') {
        if (!MODES.includes(value as WidgetThemeMode)) throw invalid(`\`theme.mode\` must be ${MODES.join(', ')}.`);
        mode = value as WidgetThemeMode;
      } else if (TOKEN_NAME.test(key) && (typeof value === 'string' || typeof value === 'number')) {
        tokens.push([key, String(value)]);
      } else {
        throw invalid(`\`theme\` takes \`mode\` and --confab-* custom properties, not "${key}".`);
      }
    }
  } else if (theme !== undefined && theme !== null) throw invalid('`theme` must be a mode or an object.');

  const position = input['position'] ?? 'bottom-right';
  if (!POSITIONS.includes(position as WidgetPosition)) throw invalid(`\`position\` must be ${POSITIONS.join(' or ')}.`);

  const strings = input['strings'];
  if (strings !== undefined && !isRecord(strings)) throw invalid('`strings` must be an object.');
  const labels = input['labels'];
  if (labels !== undefined && !isRecord(labels)) throw invalid('`labels` must be an object.');

  const rawNotifications = input['notifications'];
  let notifications: ResolvedOptions['notifications'] = null;
  if (rawNotifications === true) notifications = { title: false, sound: false };
  else if (isRecord(rawNotifications)) notifications = { title: rawNotifications['title'] === true, sound: rawNotifications['sound'] === true };
  else if (rawNotifications !== undefined && rawNotifications !== false && rawNotifications !== null) throw invalid('`notifications` must be true, false or { title, sound }.');

  return {
    server,
    demo,
    identity,
    room: room ?? rooms[0] ?? null,
    rooms,
    mode,
    tokens,
    locale: optionalString(input, 'locale'),
    position: position as WidgetPosition,
    open: input['open'] === true,
    title: optionalString(input, 'title') ?? defaultStrings.chatTitle,
    strings: strings as Partial<ChatStrings> | undefined,
    labels: { ...DEFAULT_LABELS, ...(labels as Partial<WidgetLabels> | undefined) },
    notifications,
  };
}

/**
 * The options with the widget's own texts (launcher, close button, title) in the chat's language,
 * once its texts are loaded; the page's own `labels` and `title` still win.
 *
 * @example
 * const options = inLanguage(resolveOptions(input), await loadChatStrings('ar'), input);
 */
export function inLanguage(resolved: ResolvedOptions, strings: ChatStrings, input: unknown): ResolvedOptions {
  const given = isRecord(input) ? input : {};
  const labels = isRecord(given['labels']) ? (given['labels'] as Partial<WidgetLabels>) : {};
  return { ...resolved, title: optionalString(given, 'title') ?? strings.chatTitle, labels: { ...labelsOf(strings), ...labels } };
}

/** `data-open="false"`, `data-open="0"` and `data-open="no"` are false; a bare `data-open` is true. */
function flag(value: string | undefined): boolean | undefined {
  if (value === undefined) return undefined;
  return !/^(false|0|no|off)$/i.test(value.trim());
}

/**
 * Options from a script tag's `data-*` attributes, for pages that write no JavaScript:
 * `data-server`, `data-token`, `data-user` (+ `data-user-name`), `data-room`, `data-rooms`
 * (comma-separated), `data-theme`, `data-locale`, `data-position`, `data-open`, `data-demo`,
 * `data-title`, `data-notifications`. Null when the tag has neither `data-server` nor `data-demo` (nothing to start).
 *
 * @example
 * optionsFromDataset({ server: 'https://chat.example.com', token: 'eyJ…', room: 'support' });
 */
export function optionsFromDataset(data: Readonly<Record<string, string | undefined>>): Record<string, unknown> | null {
  const demo = flag(data['demo']) === true;
  if (!demo && !data['server']) return null;
  const options: Record<string, unknown> = {};
  const copy = (name: string, key = name) => {
    const value = data[key];
    if (value !== undefined && value !== '') options[name] = value;
  };
  copy('server');
  copy('token');
  copy('room');
  copy('theme');
  copy('locale');
  copy('position');
  copy('title');
  if (data['user']) options['user'] = data['userName'] ? { id: data['user'], name: data['userName'] } : data['user'];
  if (data['rooms']) options['rooms'] = data['rooms'].split(',').map((id) => id.trim()).filter(Boolean);
  const notifications = flag(data['notifications']);
  if (notifications !== undefined) options['notifications'] = notifications;
  const open = flag(data['open']);
  if (open !== undefined) options['open'] = open;
  if (demo) options['demo'] = true;
  return options;
}
