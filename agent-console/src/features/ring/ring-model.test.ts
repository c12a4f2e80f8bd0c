import { describe, expect, it } from 'vitest';
import { flashedTitle, ringAlerts, shouldAskPermission, type NotifyPermission, type RingAlerts } from './ring-model';

type Row = [
  string,
  { ringing: boolean; hidden: boolean; deskShown: boolean; permission: NotifyPermission },
  RingAlerts,
];

const rows: Row[] = [
  [
    'nothing rings: no alert at all, wherever the counselor looks',
    { ringing: false, hidden: true, deskShown: false, permission: 'granted' },
    { sound: false, flashTitle: false, notify: false },
  ],
  [
    'rings on the desk in front: the tone only (the panel shows it)',
    { ringing: true, hidden: false, deskShown: true, permission: 'granted' },
    { sound: true, flashTitle: false, notify: false },
  ],
  [
    'rings while another browser tab is in front: tone, title, notification',
    { ringing: true, hidden: true, deskShown: true, permission: 'granted' },
    { sound: true, flashTitle: true, notify: true },
  ],
  [
    'rings while the search view is shown: tone, title, notification',
    { ringing: true, hidden: false, deskShown: false, permission: 'granted' },
    { sound: true, flashTitle: true, notify: true },
  ],
  [
    'notifications refused: tone and title still',
    { ringing: true, hidden: true, deskShown: true, permission: 'denied' },
    { sound: true, flashTitle: true, notify: false },
  ],
  [
    'permission never asked: no notification',
    { ringing: true, hidden: true, deskShown: false, permission: 'default' },
    { sound: true, flashTitle: true, notify: false },
  ],
  [
    'a browser without notifications: tone and title',
    { ringing: true, hidden: true, deskShown: false, permission: 'unsupported' },
    { sound: true, flashTitle: true, notify: false },
  ],
];

describe('ring alerts', () => {
  it.each(rows)('%s', (_name, i, expected) => {
    expect(
      ringAlerts({
        ringing: i.ringing,
        documentHidden: i.hidden,
        deskShown: i.deskShown,
        notificationPermission: i.permission,
      }),
    ).toEqual(expected);
  });

  it('the title alternates between the alert and the page title', () => {
    expect([0, 1, 2, 3].map((tick) => flashedTitle('1357 상담 콘솔', '☎ 전화가 왔습니다', tick))).toEqual([
      '☎ 전화가 왔습니다',
      '1357 상담 콘솔',
      '☎ 전화가 왔습니다',
      '1357 상담 콘솔',
    ]);
  });

  it.each([
    ['default', true],
    ['granted', false],
    ['denied', false],
    ['unsupported', false],
  ] as const)('permission %s: ask = %s', (permission, ask) => expect(shouldAskPermission(permission)).toBe(ask));
});
