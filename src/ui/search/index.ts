export { HighlightedText, type HighlightedTextProps } from './HighlightedText';
export { cleanRanges, excerpt, splitByRanges, type TextPiece } from './highlight';
export { isSearchShortcut, SearchButton, type SearchButtonProps } from './SearchButton';
export { SearchDialog, type SearchDialogProps } from './SearchDialog';
export { SearchHit, type SearchHitProps } from './SearchHit';
