/**
 * Helpers for tests, stories and demos: a chat world on the in-memory reference server
 * (`createTestChat`), a provider signed in as one person (`TestChatProvider`), fixtures, and the
 * conformance suite that holds a transport to the contract (`runConformanceSuite`).
 *
 * @example
 * import { createTestChat, TestChatProvider } from 'confab-chat/testing';
 *
 * @packageDocumentation
 * @module confab/testing
 */
export { createTestChat, type TestChat, type TestChatOptions } from './chat';
export { TestChatProvider, type TestChatProviderProps } from './provider';
export { fixtures, sampleText, seedMessages, type PersonFixture, type RoomFixture, type SeedOptions } from './fixtures';
export {
  runConformanceSuite,
  ConformanceError,
  type ConformanceBackend,
  type ConformanceContext,
  type ConformanceFeatures,
  type ConformanceHarness,
  type ConformanceHarnessFactory,
  type ConformanceTestApi,
} from './conformance';
export { startTestBot, type TestBotOptions } from './bots';
