export { EXPORT_FORMAT_VERSION, ExportRecordSchema, type ExportRecord, type ExportScope, type ImportSummary } from './format';
export { exportRecords, EXPORT_PAGE_SIZE } from './export';
export { importRecords, isEmpty, IMPORT_BATCH_SIZE } from './import';
