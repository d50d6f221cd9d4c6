/**
 * A date-time with its zone (Z or ±hh:mm), for `at` (HTTP) and `--at` (CLI). Without a zone,
 * `new Date()` reads the time in the host's own time zone, and the same question would name
 * different moments on different machines.
 */
export const ZONED_DATE_TIME = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d{1,9})?)?(Z|[+-]\d{2}:\d{2})$/;
