import type { Meta, StoryObj } from '@storybook/react-vite';
import { CHAT_LANGUAGES, Chat } from 'confab-chat/ui';
import { keepTyping, readUpTo, seedConversation, seedHistory, withPeople, withWorld, type World } from './support';

/**
 * The whole chat in each language Confab ships: `<Chat locale>` loads that language's texts on
 * demand (nothing, rather than English, shows until they arrive). Arabic is right to left. The
 * `locale` control takes any BCP 47 tag: `es-MX`, `pt-PT`, `de-CH` pick the nearest language and
 * write dates and numbers their own way; a language without texts shows English.
 */
function setup(world: World) {
  seedConversation(world, 'general');
  seedHistory(world, 'random', 30, { spacingMs: 3 * 60 * 60_000 });
  readUpTo(world, 'ana', 'random', 18);
}

function scenario(world: World) {
  const online = withPeople(world, ['bo', 'chen'], () => {});
  const typing = keepTyping(world, 'general', ['dara', 'eli']);
  return () => {
    online();
    typing();
  };
}

const meta = {
  title: 'Languages',
  component: Chat,
  decorators: [withWorld({ setup, scenario })],
  parameters: { confab: { layout: 'fill' }, controls: { disable: false, include: ['locale'] } },
  argTypes: {
    locale: { control: 'select', options: [...CHAT_LANGUAGES, 'es-MX', 'pt-PT', 'de-CH', 'ar-EG', 'it'] },
  },
  render: (args, { globals }) => <Chat {...args} theme={globals.theme === 'dark' ? 'dark' : 'light'} />,
  args: { defaultRoomId: 'general', locale: 'en' },
} satisfies Meta<typeof Chat>;
export default meta;
type Story = StoryObj<typeof meta>;

export const English: Story = {};
export const Spanish: Story = { args: { locale: 'es' } };
export const German: Story = { args: { locale: 'de' } };
export const French: Story = { args: { locale: 'fr' } };
export const PortugueseBrazil: Story = { name: 'Portuguese (Brazil)', args: { locale: 'pt-BR' } };
export const Japanese: Story = { args: { locale: 'ja' } };
/** Arabic: the chat root is `dir="rtl"`; logical properties mirror the layout. */
export const Arabic: Story = { args: { locale: 'ar' } };
/** Arabic at phone width, where one pane shows at a time and the back button points right. */
export const ArabicPhone: Story = {
  args: { locale: 'ar' },
  decorators: [
    (Story) => (
      <div style={{ width: 375, height: 740, border: '1px solid #dfe2e7', display: 'flex', flexDirection: 'column' }}>
        <Story />
      </div>
    ),
  ],
};
