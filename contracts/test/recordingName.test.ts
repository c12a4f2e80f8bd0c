import { describe, expect, it } from 'vitest';
import { callRecordingName, parseCallRecordingName } from '../src/pbx/recordingName';

describe('call recording names', () => {
  const uuid = '2f1c7a9e-5b3d-4e8f-9a10-7c6d5e4f3a21';

  it('round-trips the first and later conversations of a call, a UUID call id read back whole', () => {
    for (const conversation of [1, 2, 17]) {
      const name = callRecordingName({ day: '2026-12-02', callId: uuid, conversation });
      expect(parseCallRecordingName(name)).toEqual({ day: '2026-12-02', callId: uuid, conversation });
    }
    expect(callRecordingName({ day: '2026-12-02', callId: uuid, conversation: 1 })).toBe(`cc/2026-12-02/${uuid}`);
    expect(callRecordingName({ day: '2026-12-02', callId: uuid, conversation: 2 })).toBe(`cc/2026-12-02/${uuid}~2`);
  });

  it('reads a dash-suffixed id as the call id it is (no guessing at conversations)', () => {
    expect(parseCallRecordingName('cc/2025-03-14/abc-1')).toMatchObject({ callId: 'abc-1', conversation: 1 });
  });

  it('refuses anything else: other folders, path tricks, a written ~1, odd suffixes', () => {
    for (const name of [
      'other/abc',
      'cc/2025-03-14/../../etc/passwd',
      'cc/2025-3-14/abc',
      'cc/2025-03-14/abc~1',
      'cc/2025-03-14/abc~0',
      'cc/2025-03-14/abc~x',
      'cc/2025-03-14/abc/def',
      'cc/2025-03-14/',
    ])
      expect(parseCallRecordingName(name), name).toBeNull();
  });
});
