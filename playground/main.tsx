// The playground imports Confab only by its public entry names (`confab`, `confab/core`, …),
// exactly as a user would; playground/vite.config.ts points those names at src/.
import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { DEFAULT_LIMITS } from 'confab/protocol';

function Playground() {
  return (
    <main style={{ fontFamily: 'system-ui, sans-serif', maxWidth: '40rem', margin: '4rem auto', padding: '0 1rem' }}>
      <h1>Confab playground — coming soon</h1>
      <p>
        The reference server, simulated people and the drop-in components will run here. Until then, the wire contract is
        loaded: messages up to {DEFAULT_LIMITS.maxTextBytes} bytes, rooms up to {DEFAULT_LIMITS.maxMembersPerRoom} members.
      </p>
    </main>
  );
}

const root = document.getElementById('root');
if (!root) throw new Error('playground: #root is missing from index.html');
createRoot(root).render(
  <StrictMode>
    <Playground />
  </StrictMode>,
);
