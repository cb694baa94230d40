/** Calibration from data: the request log lbsim writes and reads, and the fits of providers to it. */
export { calibrate, MIN_ROWS, servicesYaml } from './fit.js';
export type { FitQuality, ServiceFit } from './fit.js';
export { formatRequestLog, parseRequestLog, REQUEST_LOG_COLUMNS, requestLog, RequestLogError } from './request-log.js';
export type { LogStatus, RequestLogFormat, RequestLogRow } from './request-log.js';
