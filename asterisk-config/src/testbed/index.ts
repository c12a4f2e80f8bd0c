/**
 * The real-Asterisk testbed: an Asterisk instance from a local build with this package's
 * configuration, and SIPp callers, phones and partners around it.
 */
export {
  createAsteriskInstance,
  DEBIAN_MOH_DIR,
  DEBIAN_SOUNDS_DIR,
  type AsteriskInstance,
  type AsteriskInstanceOptions,
} from './instance';
export {
  startCall,
  startPartner,
  startPhone,
  sippMissing,
  sippPcapDir,
  SippProcess,
  type SippCall,
  type SippPartner,
  type SippPhone,
  type SippTarget,
} from './sipp';
export { claimUdpRange, freeTcpPort, freeUdpPort, reserveUdpPort, type UdpRangeClaim } from './ports';
export { asteriskPrefix } from './prefix';
