import { describe, expect, it } from 'vitest';
import { phoneStateOfContactStatus, phoneStatesOfEndpointList } from '../../src/adapters/ami/phone-status';

const at = new Date('2026-12-01T01:00:00.000Z');

describe('agent phone registration from AMI', () => {
  it.each([
    ['Created', 'registered'],
    ['Updated', 'registered'],
    ['Reachable', 'registered'],
    ['NonQualified', 'registered'],
    ['Unknown', 'registered'],
    ['Unreachable', 'unreachable'],
    ['Removed', 'unregistered'],
  ])('ContactStatus %s → %s', (status, registration) => {
    expect(
      phoneStateOfContactStatus(
        { event: 'ContactStatus', contactstatus: status, aor: '1001', endpointname: '1001' },
        at,
      ),
    ).toEqual({ phone: '1001', registration, at: at.toISOString() });
  });

  it('ignores other events and incomplete ones', () => {
    expect(phoneStateOfContactStatus({ event: 'PeerStatus', peer: 'PJSIP/1001' }, at)).toBeNull();
    expect(phoneStateOfContactStatus({ event: 'ContactStatus', aor: '1001' }, at)).toBeNull();
  });

  it('reads every agent phone from PJSIPShowEndpoints and leaves trunks out', () => {
    const rows = [
      {
        event: 'EndpointList',
        objectname: '1001',
        devicestate: 'Not in use',
        contacts: '1001/sip:1001@127.0.0.1:5070,',
      },
      { event: 'EndpointList', objectname: '1002', devicestate: 'Unavailable', contacts: '' },
      {
        event: 'EndpointList',
        objectname: '1003',
        devicestate: 'Unavailable',
        contacts: '1003/sip:1003@127.0.0.1:5072,',
      },
      { event: 'EndpointList', objectname: 'carrier', devicestate: 'Not in use', contacts: 'carrier/sip:127.0.0.2,' },
    ];
    expect(
      phoneStatesOfEndpointList(rows, new Set(['1001', '1002', '1003']), at).map((s) => [s.phone, s.registration]),
    ).toEqual([
      ['1001', 'registered'],
      ['1002', 'unregistered'],
      ['1003', 'unreachable'],
    ]);
  });
});
