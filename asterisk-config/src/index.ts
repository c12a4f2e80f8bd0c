export * from './conf-parser';
export { ASTERISK_ETC_DIR } from './paths';
