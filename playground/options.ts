// What the page's address can set, so that a view can be shared and the e2e tests start from a
// known state: `?view=two&a=ana&b=bo&sim=paused&pace=2&seed=3&theme=dark&lang=de&host=http://127.0.0.1:8787`.
// The chosen server (`transport=websocket`) is written back too, so a reload keeps it.
import { DEFAULT_HOST } from './connections';
import { PEOPLE } from './world';

export type ViewMode = 'one' | 'two';
export type Theme = 'light' | 'dark' | 'system';
/** Where the viewers' chats connect: the reference server in this page, or the Node host. */
export type TransportKind = 'memory' | 'websocket';

export interface PlaygroundOptions {
  view: ViewMode;
  /** Who you are (the first viewer). */
  a: string;
  /** The second viewer, side by side. */
  b: string;
  paused: boolean;
  pace: number;
  seed: number;
  theme: Theme;
  rtl: boolean;
  /** The chat's language (a BCP 47 tag), or '' for the default (English). */
  locale: string;
  /** The Node host's HTTP address, for the WebSocket switch. */
  host: string;
  /** The server chosen last (kept across reloads in the address). */
  transport: TransportKind;
  /** The in-page server's invitations option (`?invitations=accept`): adding people invites them. */
  invitations: 'direct' | 'accept';
}

export const PACES = [0.25, 0.5, 1, 2, 4, 8] as const;

const isPerson = (id: string | null): id is string => id !== null && PEOPLE.some((person) => person.id === id);

export function readOptions(search: string): PlaygroundOptions {
  const params = new URLSearchParams(search);
  const a = isPerson(params.get('a')) ? (params.get('a') as string) : 'ana';
  const wantedB = params.get('b');
  const b = isPerson(wantedB) && wantedB !== a ? wantedB : a === 'bo' ? 'ana' : 'bo';
  const pace = Number(params.get('pace'));
  const seed = Number.parseInt(params.get('seed') ?? '', 10);
  const theme = params.get('theme');
  const host = params.get('host');
  return {
    view: params.get('view') === 'two' ? 'two' : 'one',
    a,
    b,
    paused: params.get('sim') === 'paused',
    pace: (PACES as readonly number[]).includes(pace) ? pace : 1,
    seed: Number.isSafeInteger(seed) ? seed : 1,
    theme: theme === 'light' || theme === 'dark' ? theme : 'system',
    rtl: params.get('dir') === 'rtl',
    locale: /^[A-Za-z]{2,3}(-[A-Za-z0-9]{2,8})*$/.test(params.get('lang') ?? '') ? (params.get('lang') as string) : '',
    host: host !== null && /^https?:\/\/[^/\s]+$/.test(host) ? host : DEFAULT_HOST,
    transport: params.get('transport') === 'websocket' ? 'websocket' : 'memory',
    invitations: params.get('invitations') === 'accept' ? 'accept' : 'direct',
  };
}

/** Writes the parts of the state worth sharing back to the address (without reloading). */
export function writeOptions(options: Pick<PlaygroundOptions, 'view' | 'a' | 'b' | 'theme' | 'rtl' | 'transport' | 'locale'>): void {
  const params = new URLSearchParams(location.search);
  params.set('view', options.view);
  params.set('a', options.a);
  if (options.view === 'two') params.set('b', options.b);
  else params.delete('b');
  if (options.theme === 'system') params.delete('theme');
  else params.set('theme', options.theme);
  if (options.rtl) params.set('dir', 'rtl');
  else params.delete('dir');
  if (options.transport === 'websocket') params.set('transport', 'websocket');
  else params.delete('transport');
  if (options.locale) params.set('lang', options.locale);
  else params.delete('lang');
  history.replaceState(null, '', `${location.pathname}?${params.toString()}${location.hash}`);
}
