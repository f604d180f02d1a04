import { useCallback } from 'react';
import { useChatClient, type Message } from '../../react';

/**
 * The pinned list's default way to a message: load the pages around it, then bring its row into
 * view when the list shows it.
 *
 * @example
 * const show = useShowMessage();
 * show(message);
 */
export function useShowMessage(): (message: Message) => void {
  const client = useChatClient();
  return useCallback(
    (message: Message) => {
      void client.loadAround(message.roomId, message.sequence).then(
        () => {
          const row = document.querySelector<HTMLElement>(`.confab-message[data-sequence="${message.sequence}"]`);
          row?.scrollIntoView({ block: 'center' });
          row?.focus();
        },
        () => {},
      );
    },
    [client],
  );
}
