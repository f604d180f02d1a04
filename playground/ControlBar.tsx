import type { ReactNode } from 'react';
import { CHAT_LANGUAGES } from 'confab-chat/ui';
import type { TransportKind } from './options';
import { PACES, type Theme, type ViewMode } from './options';
import type { Simulation, SimulationState } from './simulation';
import type { World } from './world';

export interface ControlBarProps {
  world: World;
  simulation: Simulation;
  sim: SimulationState;
  view: ViewMode;
  onView(view: ViewMode): void;
  theme: Theme;
  onTheme(theme: Theme): void;
  rtl: boolean;
  onRtl(rtl: boolean): void;
  /** The chat's language, '' for the default. */
  locale: string;
  onLocale(locale: string): void;
  transport: TransportKind;
  onTransport(transport: TransportKind): void;
  transportNote: { kind: 'error' | 'busy'; text: string } | null;
  host: string;
  /** Who the viewers are (a burst is written by everyone else). */
  humans: readonly string[];
}

const BURST = 150;
const ANNOUNCEMENT = 'Scheduled maintenance tonight at **22:00 UTC**, about 10 minutes. Status: https://status.example.com';

/** Each shipped language by its own name. */
const languageName = (tag: string) => new Intl.DisplayNames([tag], { type: 'language' }).of(tag) ?? tag;

/** The bar at the top: view, simulated people, a burst of messages, transport, look. */
export function ControlBar(props: ControlBarProps): ReactNode {
  const { world, simulation, sim, view, onView, theme, onTheme, rtl, onRtl, locale, onLocale, transport, onTransport, transportNote, host, humans } = props;
  // The simulated people live in the in-page server; the Node host has its own people and none of them.
  const simulationIdle = transport === 'websocket';
  return (
    <header className="pg-bar">
      <h1 className="pg-brand">
        Confab <span>playground</span>
      </h1>

      <fieldset className="pg-group" aria-label="View">
        <legend>View</legend>
        <div className="pg-segmented" role="radiogroup" aria-label="View">
          <button type="button" role="radio" aria-checked={view === 'one'} data-testid="view-one" onClick={() => onView('one')}>
            One person
          </button>
          <button type="button" role="radio" aria-checked={view === 'two'} data-testid="view-two" onClick={() => onView('two')}>
            Side by side
          </button>
        </div>
      </fieldset>

      <fieldset className="pg-group" disabled={simulationIdle} aria-describedby={simulationIdle ? 'pg-sim-idle' : undefined} data-testid="sim-controls">
        <legend>Simulated people</legend>
        <button
          type="button"
          className="pg-button pg-swap"
          data-testid="sim-pause"
          aria-pressed={sim.paused}
          data-state={sim.paused ? 'paused' : 'running'}
          onClick={() => (sim.paused ? simulation.resume() : simulation.pause())}
        >
          {/* Both labels take the same cell, the hidden one keeping the width: the bar does not move. */}
          <span data-shown={sim.paused ? undefined : ''} aria-hidden={sim.paused}>
            Pause
          </span>
          <span data-shown={sim.paused ? '' : undefined} aria-hidden={!sim.paused}>
            Resume
          </span>
        </button>
        <label className="pg-inline">
          Pace
          <select data-testid="sim-pace" value={String(sim.pace)} onChange={(event) => simulation.setPace(Number(event.target.value))}>
            {PACES.map((pace) => (
              <option key={pace} value={String(pace)}>
                {pace}×
              </option>
            ))}
          </select>
        </label>
        <span className="pg-muted" data-testid="sim-online">
          {sim.online.length} online
        </span>
        <button
          type="button"
          className="pg-button"
          data-testid="burst"
          title={`${BURST} messages in #general at once: more than the server replays on resume (100), so a viewer who is offline gets a gap`}
          onClick={() => world.burst('general', BURST, humans)}
        >
          +{BURST} in #general
        </button>
        <button
          type="button"
          className="pg-button"
          data-testid="announce"
          title="A system message to every group room at once, as the admin API's POST /admin/v1/announcements sends it"
          onClick={() => world.server.announce({ text: ANNOUNCEMENT, roomIds: world.rooms.filter((room) => room.kind !== 'direct').map((room) => room.id) })}
        >
          Announce
        </button>
      </fieldset>

      <fieldset className="pg-group">
        <legend>Server</legend>
        <select
          data-testid="transport-switch"
          value={transport}
          disabled={transportNote?.kind === 'busy'}
          onChange={(event) => onTransport(event.target.value as TransportKind)}
          aria-label="Transport"
          title={`The in-page reference server, or the Node host at ${host} (npm run server)`}
        >
          <option value="memory">In this page</option>
          <option value="websocket">Node host</option>
        </select>
      </fieldset>

      <fieldset className="pg-group">
        <legend>Look</legend>
        <select data-testid="theme" value={theme} onChange={(event) => onTheme(event.target.value as Theme)} aria-label="Theme">
          <option value="system">System</option>
          <option value="light">Light</option>
          <option value="dark">Dark</option>
        </select>
        <label className="pg-inline">
          <input type="checkbox" data-testid="rtl" checked={rtl} onChange={(event) => onRtl(event.target.checked)} />
          Right to left
        </label>
        <select data-testid="locale" value={locale} onChange={(event) => onLocale(event.target.value)} aria-label="Language">
          <option value="" lang="en">
            English
          </option>
          {CHAT_LANGUAGES.map((tag) => (
            <option key={tag} value={tag} lang={tag}>
              {languageName(tag)}
            </option>
          ))}
        </select>
      </fieldset>

      {simulationIdle && (
        <p className="pg-note" id="pg-sim-idle" data-kind="info" data-testid="sim-idle-reason">
          Simulated people live in the in-page server, so their controls rest while you are on the Node host: switch the server back to “In this page” to use them.
        </p>
      )}
      {transportNote && (
        <p className="pg-note" data-kind={transportNote.kind} role={transportNote.kind === 'error' ? 'alert' : 'status'} data-testid="transport-note">
          {transportNote.text}
        </p>
      )}
    </header>
  );
}
