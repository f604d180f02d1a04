// The playground's bots: programs in #general that register slash commands and answer them
// (issue #14). Type / in #general to see them beside the built-in commands.
import type { ReferenceServer } from 'confab-chat/server';
import { startTestBot } from 'confab-chat/testing';

const WEATHER: Readonly<Record<string, string>> = { lisbon: '☀️ 24 °C', oslo: '🌧 6 °C', tokyo: '⛅ 17 °C', nairobi: '🌤 22 °C' };

/** Starts the dice and weather bots; returns a function that stops them. */
export function startBots(server: ReferenceServer): () => void {
  const dice = startTestBot(server, {
    id: 'dicebot',
    name: 'Dice bot',
    rooms: ['general', 'random'],
    commands: [{ name: 'roll', description: 'Roll a die (six sides unless you say)', args: '[sides]' }],
    reply: ({ args, userId }) => {
      const sides = Number.parseInt(args, 10);
      const faces = Number.isInteger(sides) && sides >= 2 && sides <= 1000 ? sides : 6;
      return `🎲 ${userId} rolled ${1 + Math.floor(Math.random() * faces)} (d${faces})`;
    },
  });
  const weather = startTestBot(server, {
    id: 'weatherbot',
    name: 'Weather bot',
    rooms: ['general'],
    commands: [{ name: 'weather', description: 'Today’s weather in a city', args: '<city>' }],
    reply: ({ args }) => {
      const city = args.trim();
      if (city === '') return 'Tell me a city, e.g. /weather Lisbon.';
      return `${city}: ${WEATHER[city.toLowerCase()] ?? '🌤 19 °C'}`;
    },
  });
  return () => {
    dice();
    weather();
  };
}
