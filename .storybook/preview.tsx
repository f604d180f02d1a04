/// <reference types="vite/client" />
// Every story renders inside one `.confab-root` wrapper that carries the theme and the direction
// chosen in the toolbar (globals `theme` and `dir`), on the stylesheet users import, with
// emoji-mart as the emoji source (parameter `confab: { emoji: false }` leaves it out).
import type { Decorator, Preview } from '@storybook/react-vite';
import { emojiMart } from 'confab-chat/emoji-mart';
import { ChatUIProvider } from 'confab-chat/ui';
import 'confab-chat/styles.css';
import './preview.css';

/** Per-story layout: `padded` (default) puts a margin around the story; `fill` gives it the whole viewport height. */
export interface ConfabParameters {
  layout?: 'padded' | 'fill';
  /** Whether the parts get emoji-mart as their emoji source (`emoji={emojiMart}`), as apps that install it do. Default true. */
  emoji?: boolean;
}

const withThemeAndDirection: Decorator = (Story, context) => {
  const theme = context.globals.theme === 'dark' ? 'dark' : 'light';
  const dir = context.globals.dir === 'rtl' ? 'rtl' : 'ltr';
  const parameters = context.parameters.confab as ConfabParameters | undefined;
  const layout = parameters?.layout ?? 'padded';
  // Portals (dialogs, the lightbox, the emoji picker) render into <body>: give the page the same
  // direction and theme so they match the story.
  document.documentElement.dir = dir;
  document.documentElement.dataset.confabTheme = theme;
  return (
    <div className="confab-root confab-story" data-theme={theme} dir={dir} data-layout={layout} data-testid="story-root">
      {parameters?.emoji === false ? (
        <Story />
      ) : (
        <ChatUIProvider emoji={emojiMart}>
          <Story />
        </ChatUIProvider>
      )}
    </div>
  );
};

const preview: Preview = {
  decorators: [withThemeAndDirection],
  parameters: {
    layout: 'fullscreen',
    controls: { disable: true },
    actions: { disable: true },
  },
  globalTypes: {
    theme: {
      description: 'Color theme of the Confab root',
      toolbar: {
        title: 'Theme',
        icon: 'mirror',
        items: [
          { value: 'light', title: 'Light', icon: 'sun' },
          { value: 'dark', title: 'Dark', icon: 'moon' },
        ],
        dynamicTitle: true,
      },
    },
    dir: {
      description: 'Text direction',
      toolbar: {
        title: 'Direction',
        icon: 'transfer',
        items: [
          { value: 'ltr', title: 'Left to right' },
          { value: 'rtl', title: 'Right to left' },
        ],
        dynamicTitle: true,
      },
    },
  },
  initialGlobals: { theme: 'light', dir: 'ltr' },
};

export default preview;
