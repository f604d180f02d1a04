export { notificationDecision, shouldNotify, type NotificationDecision, type NotificationInput, type NotificationView } from './decide';
export { createNoopNotifier, type ChatNotification, type NotificationPermissionState, type Notifier } from './notifier';
