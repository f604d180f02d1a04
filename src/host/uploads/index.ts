export { createUploadHandler, type UploadHandler, type UploadHandlerOptions } from './handler';
export { createDiskFileStore, createMemoryFileStore, type FileStore, type StoredFileInfo } from './store';
export { watchFileLifecycle, UNSENT_UPLOAD_TTL_MS, type FileLifecycleOptions } from './lifecycle';
export { checkFileSignature, signFileQuery, SIGNED_URL_TTL_MS } from './signing';
export { looksLikeMarkup } from './sniff';
