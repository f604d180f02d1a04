// The playground: the reference server runs in this page, seeded with people, rooms and history;
// simulated people live in it; you watch it through Confab's drop-in <Chat> as one person or two.
// It imports Confab only by its public entry names (`confab-chat`, `confab-chat/ui`, …), exactly as a user
// would; playground/vite.config.ts points those names at src/.
import 'confab-chat/styles.css';
import './playground.css';
import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { App } from './App';
import { startAssistant } from './assistant';
import { startBots } from './bots';
import { readOptions } from './options';
import { createSimulation } from './simulation';
import { createWorld } from './world';
import { watchLinkPreviews } from 'confab-chat/server';
import { createPlaygroundUnfurler } from './linkPreviews';

const options = readOptions(location.search);
const world = createWorld({ seed: options.seed, invitations: options.invitations });
const simulation = createSimulation({
  server: world.server,
  people: world.people,
  humans: options.view === 'two' ? [options.a, options.b] : [options.a],
  paused: options.paused,
  pace: options.pace,
  seed: options.seed,
});
simulation.start();
// The Assistant answers mentions and direct messages by streaming (a bot built with confab-chat/bot).
const assistant = startAssistant({ server: world.server, people: world.people });
// Links people send get previews, as on the real host (which fetches them; here a fake makes them up).
watchLinkPreviews({ server: world.server, unfurler: createPlaygroundUnfurler() });
// Bots with slash commands in #general (/roll, /weather), for the whole life of the page.
startBots(world.server);

// For the browser end-to-end tests and the curious: the world and the simulation of this page.
Object.assign(window, { confabPlayground: { world, simulation, assistant } });

const root = document.getElementById('root');
if (!root) throw new Error('playground: #root is missing from index.html');
createRoot(root).render(
  <StrictMode>
    <App world={world} simulation={simulation} initial={options} />
  </StrictMode>,
);
