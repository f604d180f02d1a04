import { ChatError, toChatError, type ChatErrorPayload } from '../protocol';
import { mount, type MountedWidget } from './mount';
import { EVENT_NAMES, optionsFromDataset, type WidgetEventName, type WidgetEvents, type WidgetOptions } from './options';

/** The commands of the global `Confab(…)` function. */
export type ConfabCommand = 'init' | 'open' | 'close' | 'toggle' | 'setUser' | 'on' | 'off' | 'destroy';

/**
 * The global `Confab` function the script defines: `Confab('init', options)`, `Confab('open')`, …
 * Calls made before the script loaded (through the loader snippet, which queues them in
 * `Confab.q`) are replayed in order when it loads.
 *
 * @example
 * Confab('init', { server: 'https://chat.example.com', token, room: 'support' });
 * Confab('on', 'unread', ({ count }) => console.log(count));
 * Confab('open');
 */
export interface ConfabGlobal {
  (command: ConfabCommand, ...args: unknown[]): void;
  /** `mount(element, options) → unmount`, for pages that want more than one widget or their own element. */
  mount: typeof mount;
  /** Set on the real function (the loader's stub has a queue instead). */
  loaded: true;
}

type Listener = (payload: never) => void;

/** The loader snippet's stub: a function with a queue of `arguments` objects. */
type LoaderStub = ((...args: unknown[]) => void) & {
  q?: ArrayLike<ArrayLike<unknown>>;
  loaded?: unknown;
};

/**
 * Makes the global `Confab` function on `target` (the window), replays the calls the loader
 * queued, then, when no call started the widget, starts it from the script tag's `data-*`
 * attributes (if it has `data-server` or `data-demo`).
 *
 * @example
 * installGlobal(window, document.currentScript as HTMLScriptElement | null);
 */
export function installGlobal(target: Window & { Confab?: unknown }, script: HTMLScriptElement | null): ConfabGlobal {
  const existing = target.Confab as LoaderStub | undefined;
  if (typeof existing === 'function' && existing.loaded === true) {
    // The script was included twice: the first copy stays in charge.
    console.warn('[confab widget] The widget script is on this page twice; the second copy does nothing.');
    return existing as ConfabGlobal;
  }

  let widget: MountedWidget | null = null;
  /** Listeners added with `on`, before or after `init`; kept until `destroy`. */
  const listeners = new Map<WidgetEventName, Set<Listener>>(EVENT_NAMES.map((name) => [name, new Set()]));
  /** `open`/`close`/`toggle` before `init`: the panel's state at init. */
  let pendingOpen: boolean | undefined;
  /** `setUser` before `init`: merged into the init options. */
  let pendingIdentity: Pick<WidgetOptions, 'user' | 'token' | 'tokenProvider'> | undefined;
  /** An `init` waiting for `<body>` (the script ran in `<head>`). */
  let waitingForBody: (() => void) | null = null;
  let initialized = false;

  function emit<E extends WidgetEventName>(event: E, payload: WidgetEvents[E]): void {
    for (const listener of [...(listeners.get(event) ?? [])]) {
      try {
        (listener as (payload: WidgetEvents[E]) => void)(payload);
      } catch (error) {
        console.error(`[confab widget] a "${event}" listener threw:`, error);
      }
    }
  }

  function fail(error: unknown): void {
    const payload: ChatErrorPayload = toChatError(error).toPayload();
    console.error(`[confab widget] ${payload.message}`);
    emit('error', payload);
  }

  function start(options: WidgetOptions): void {
    const merged: WidgetOptions = { ...options, ...pendingIdentity, ...(pendingOpen !== undefined ? { open: pendingOpen } : {}) };
    pendingIdentity = undefined;
    pendingOpen = undefined;
    const mounted = mount(document.body, merged);
    widget = mounted;
    // Forward the widget's events to the page's listeners (which outlive a setUser).
    for (const name of EVENT_NAMES) mounted.on(name, (payload) => emit(name, payload as never));
  }

  function init(options: unknown): void {
    if (initialized) throw new ChatError('conflict', "Confab('init') was already called; call Confab('destroy') first.");
    if (typeof options !== 'object' || options === null) throw new ChatError('invalid', "Confab('init', options) takes an object of options.");
    initialized = true;
    if (document.body) {
      try {
        start(options as WidgetOptions);
      } catch (error) {
        initialized = false;
        throw error;
      }
      return;
    }
    const onReady = () => {
      document.removeEventListener('DOMContentLoaded', onReady);
      waitingForBody = null;
      try {
        start(options as WidgetOptions);
      } catch (error) {
        initialized = false;
        fail(error);
      }
    };
    waitingForBody = () => document.removeEventListener('DOMContentLoaded', onReady);
    document.addEventListener('DOMContentLoaded', onReady);
  }

  function destroy(): void {
    waitingForBody?.();
    waitingForBody = null;
    widget?.();
    widget = null;
    initialized = false;
    pendingOpen = undefined;
    pendingIdentity = undefined;
    for (const set of listeners.values()) set.clear();
  }

  function eventName(value: unknown): WidgetEventName {
    if (typeof value === 'string' && (EVENT_NAMES as readonly string[]).includes(value)) return value as WidgetEventName;
    throw new ChatError('invalid', `Confab('on', event, callback): event must be one of ${EVENT_NAMES.join(', ')}.`);
  }

  function run(command: unknown, args: unknown[]): void {
    switch (command) {
      case 'init':
        init(args[0]);
        return;
      case 'open':
      case 'close':
      case 'toggle':
        if (widget) widget[command]();
        else pendingOpen = command === 'open' ? true : command === 'close' ? false : !(pendingOpen ?? false);
        return;
      case 'setUser': {
        const identity = args[0] as Pick<WidgetOptions, 'user' | 'token' | 'tokenProvider'>;
        if (widget) widget.setUser(identity);
        else pendingIdentity = identity;
        return;
      }
      case 'on':
      case 'off': {
        const name = eventName(args[0]);
        const callback = args[1];
        if (typeof callback !== 'function') throw new ChatError('invalid', `Confab('${command}', '${name}', callback): callback must be a function.`);
        const set = listeners.get(name) as Set<Listener>;
        if (command === 'off') set.delete(callback as Listener);
        else {
          set.add(callback as Listener);
          // Like the widget's own `on`: a ready listener added after ready hears about it.
          const ready = name === 'ready' ? widget?.ready : null;
          if (ready) {
            queueMicrotask(() => {
              if (set.has(callback as Listener)) (callback as (payload: WidgetEvents['ready']) => void)(ready);
            });
          }
        }
        return;
      }
      case 'destroy':
        destroy();
        return;
      default:
        throw new ChatError('invalid', `Confab: no command "${String(command)}"; commands are init, open, close, toggle, setUser, on, off, destroy.`);
    }
  }

  const Confab = function Confab(command: ConfabCommand, ...args: unknown[]): void {
    try {
      run(command, args);
    } catch (error) {
      fail(error);
    }
  } as ConfabGlobal;
  Confab.mount = mount;
  Confab.loaded = true;

  const queued = (typeof existing === 'function' || typeof existing === 'object') && existing !== null ? existing.q : undefined;
  target.Confab = Confab;
  if (queued && typeof queued.length === 'number') {
    for (const call of Array.from(queued)) {
      const [command, ...args] = Array.from(call);
      Confab(command as ConfabCommand, ...args);
    }
  }

  if (!initialized && script) {
    const fromData = optionsFromDataset(script.dataset);
    if (fromData) Confab('init', fromData);
  }
  return Confab;
}
