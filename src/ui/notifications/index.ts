export { createBrowserNotifier } from './browserNotifier';
export { notificationContent, NOTIFICATION_BODY_CHARS } from './content';
export { titleWithUnread, usePageTitleUnread } from './pageTitle';
export { NotifierContext, useNotificationPermission, useNotifier } from './permission';
export { RoomNotificationsButton, type RoomNotificationsButtonProps } from './RoomNotificationsButton';
export { createChimeSound, type NotificationSound } from './sound';
export { useChatNotifications, type ChatNotificationsOptions, type ChatNotificationsView } from './useChatNotifications';
