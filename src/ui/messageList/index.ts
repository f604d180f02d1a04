/**
 * The message list, as parts: the pure builder of rows (`items`), following the bottom
 * (`followBottom`), keeping the reader's place on prepend (`keepPlace`), keyboard navigation
 * (`keyboard`), the live announcer, unread landing and reading (`reading`), the rows
 * themselves (`rows`), and the list that composes them.
 */
export { MessageList, type MessageListProps } from './MessageList';
export { createMessageListBuilder, messageListItems, isMessageItem, type MessageListInput, type MessageListItem } from './items';
