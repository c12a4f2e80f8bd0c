import path from 'node:path';
import { fileURLToPath } from 'node:url';

/** The folder mounted as /etc/asterisk in docker-compose.yml. */
export const ASTERISK_ETC_DIR = path.join(path.dirname(fileURLToPath(import.meta.url)), '..', 'etc', 'asterisk');
/** The testbed: build script and SIPp scenarios. */
export const TESTBED_DIR = path.join(path.dirname(fileURLToPath(import.meta.url)), '..', 'testbed');
