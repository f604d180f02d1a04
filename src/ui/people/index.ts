export { BlockedPeopleDialog, type BlockedPeopleDialogProps } from './BlockedPeopleDialog';
export { InvitationList, type InvitationListProps } from './InvitationList';
export { ChatNavigationProvider, useChatNavigation, type ChatNavigation } from './navigation';
export { presenceText } from './presenceText';
export { MAX_PROFILE_FIELDS, MAX_PROFILE_VALUE, profileFields, type ProfileField } from './profileFields';
export { ProfileCard, type ProfileCardProps } from './ProfileCard';
export { ProfileTrigger, type ProfileTriggerProps } from './ProfileTrigger';
