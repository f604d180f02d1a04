// The message list lives in ./messageList/, one part per file; this keeps its public path.
export { MessageList, createMessageListBuilder, messageListItems, type MessageListInput, type MessageListItem, type MessageListProps } from './messageList';
