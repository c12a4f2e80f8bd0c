import { describe, expect, it } from 'vitest';
import { allowedViews, landingView } from './landing';

describe('landing by role', () => {
  it.each([
    ['counselor', 'counselor'],
    ['supervisor', 'supervisor'],
    ['admin', 'supervisor'],
    ['partner', 'relays'],
    ['service', null],
  ] as const)('%s lands on %s', (role, view) => expect(landingView(role)).toBe(view));

  it('a supervisor with an agent id may also open the desk', () => {
    expect(allowedViews('supervisor', true)).toEqual([
      'supervisor',
      'ivr',
      'counselor',
      'search',
      'calendar',
      'callbacks',
      'relays',
      'recordings',
      'reports',
      'analysis',
    ]);
    expect(allowedViews('supervisor', false)).toEqual([
      'supervisor',
      'ivr',
      'search',
      'calendar',
      'callbacks',
      'relays',
      'recordings',
      'reports',
      'analysis',
    ]);
    expect(allowedViews('admin', false)).toEqual([
      'supervisor',
      'ivr',
      'search',
      'calendar',
      'callbacks',
      'relays',
      'recordings',
      'reports',
      'analysis',
      'imports',
      'login-locks',
    ]);
    expect(allowedViews('counselor', true)).toEqual(['counselor', 'search', 'calendar', 'callbacks', 'recordings']);
    expect(allowedViews('partner', false)).toEqual(['relays']);
    expect(allowedViews('service', false)).toEqual([]);
  });
});
