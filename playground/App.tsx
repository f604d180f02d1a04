import { useCallback, useEffect, useRef, useState, useSyncExternalStore, type ReactNode } from 'react';
import { fetchDevToken } from './connections';
import { ControlBar } from './ControlBar';
import { writeOptions, type PlaygroundOptions, type Theme, type TransportKind, type ViewMode } from './options';
import type { Simulation } from './simulation';
import { ViewerColumn } from './ViewerColumn';
import type { World } from './world';

export type { TransportKind } from './options';

export interface AppProps {
  world: World;
  simulation: Simulation;
  initial: PlaygroundOptions;
}

/**
 * The playground: a control bar (simulation, view, transport, look) over one viewer's chat, or
 * two side by side. Each viewer has its own client, transport and network panel; changing who a
 * viewer is, or the transport, makes a fresh client (the column is keyed by both).
 */
export function App({ world, simulation, initial }: AppProps): ReactNode {
  const [view, setView] = useState<ViewMode>(initial.view);
  const [viewerA, setViewerA] = useState(initial.a);
  const [viewerB, setViewerB] = useState(initial.b);
  const [theme, setTheme] = useState<Theme>(initial.theme);
  const [rtl, setRtl] = useState(initial.rtl);
  const [locale, setLocale] = useState(initial.locale);
  const [transport, setTransport] = useState<TransportKind>('memory');
  const [transportNote, setTransportNote] = useState<{ kind: 'error' | 'busy'; text: string } | null>(null);
  const sim = useSyncExternalStore(simulation.subscribe, simulation.getState);

  // The people you play are never simulated.
  useEffect(() => {
    simulation.setHumans(view === 'two' ? [viewerA, viewerB] : [viewerA]);
  }, [simulation, view, viewerA, viewerB]);

  useEffect(() => {
    writeOptions({ view, a: viewerA, b: viewerB, theme, rtl, transport, locale });
  }, [view, viewerA, viewerB, theme, rtl, transport, locale]);

  const pickA = useCallback(
    (id: string) => {
      if (id === viewerB) setViewerB(viewerA);
      setViewerA(id);
    },
    [viewerA, viewerB],
  );
  const pickB = useCallback(
    (id: string) => {
      if (id === viewerA) setViewerA(viewerB);
      setViewerB(id);
    },
    [viewerA, viewerB],
  );

  const switchTransport = useCallback(
    async (next: TransportKind) => {
      if (next === 'memory') {
        setTransportNote(null);
        setTransport('memory');
        return;
      }
      // Make sure the host is there before dropping the in-page connection.
      setTransportNote({ kind: 'busy', text: `Connecting to the host at ${initial.host}…` });
      const person = world.people.find((candidate) => candidate.id === viewerA);
      try {
        await fetchDevToken(initial.host, viewerA, person?.name ?? viewerA);
        setTransportNote(null);
        setTransport('websocket');
      } catch (error) {
        const reason = error instanceof Error ? error.message : String(error);
        setTransportNote({ kind: 'error', text: `${reason} Switch again once it runs; until then the chat stays on the in-page server.` });
      }
    },
    [initial.host, viewerA, world.people],
  );

  // The server chosen before a reload: connect to it again (after checking the host is there).
  const resumed = useRef(false);
  useEffect(() => {
    if (resumed.current || initial.transport !== 'websocket') return;
    resumed.current = true;
    void switchTransport('websocket');
  }, [initial.transport, switchTransport]);

  const viewers = view === 'two' ? ([['a', viewerA, pickA], ['b', viewerB, pickB]] as const) : ([['a', viewerA, pickA]] as const);

  return (
    <div className="pg-app" data-view={view} data-theme={theme}>
      <ControlBar
        world={world}
        simulation={simulation}
        sim={sim}
        view={view}
        onView={setView}
        theme={theme}
        onTheme={setTheme}
        rtl={rtl}
        onRtl={setRtl}
        locale={locale}
        onLocale={setLocale}
        transport={transport}
        onTransport={(next) => void switchTransport(next)}
        transportNote={transportNote}
        host={initial.host}
        humans={view === 'two' ? [viewerA, viewerB] : [viewerA]}
      />
      <main className="pg-viewers">
        {viewers.map(([slot, userId, pick]) => (
          <ViewerColumn
            key={`${slot}:${userId}:${transport}`}
            slot={slot}
            userId={userId}
            otherViewer={slot === 'a' ? (view === 'two' ? viewerB : null) : viewerA}
            onPick={pick}
            world={world}
            transport={transport}
            host={initial.host}
            theme={theme}
            rtl={rtl}
            locale={locale}
          />
        ))}
      </main>
    </div>
  );
}
