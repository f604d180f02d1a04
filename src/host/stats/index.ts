export { collectStats, createSqlStatsSource, createStorageStatsSource, DAY_MS, type ChatStats, type DayActivity, type StatsSource, type StatsTotals } from './source';
