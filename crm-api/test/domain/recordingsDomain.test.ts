import { describe, expect, it } from 'vitest';
import { byteRangeOf } from '../../src/domain/byteRange';
import { callIdOfRecording, pausedSpansOf } from '../../src/domain/recordingName';
import { reviewTotal } from '../../src/domain/reviewScore';
import { signRecordingUrl, verifyRecordingUrl } from '../../src/domain/signedUrl';
import { wavDurationMs } from '../../src/domain/wavHeader';

function wav(dataBytes: number, byteRate = 16000, extraChunk = false): Uint8Array {
  const extra = extraChunk ? 8 + 4 : 0;
  const b = Buffer.alloc(44 + extra + dataBytes);
  b.write('RIFF', 0, 'ascii');
  b.writeUInt32LE(36 + extra + dataBytes, 4);
  b.write('WAVEfmt ', 8, 'ascii');
  b.writeUInt32LE(16, 16);
  b.writeUInt16LE(1, 20);
  b.writeUInt16LE(1, 22);
  b.writeUInt32LE(byteRate / 2, 24);
  b.writeUInt32LE(byteRate, 28);
  b.writeUInt16LE(2, 32);
  b.writeUInt16LE(16, 34);
  let at = 36;
  if (extraChunk) {
    b.write('LIST', at, 'ascii');
    b.writeUInt32LE(4, at + 4);
    at += 12;
  }
  b.write('data', at, 'ascii');
  b.writeUInt32LE(dataBytes, at + 4);
  return b;
}

describe('wavDurationMs', () => {
  it('reads the data chunk over the byte rate, past other chunks', () => {
    expect(wavDurationMs(wav(16000))).toBe(1000);
    expect(wavDurationMs(wav(8000, 16000, true))).toBe(500);
  });
  it('measures what is present when a crashed writer left a larger size', () => {
    const b = wav(16000);
    Buffer.from(b.buffer, b.byteOffset).writeUInt32LE(999_999, 40);
    expect(wavDurationMs(b)).toBe(1000);
  });
  it('is null for bytes that are not WAV', () => {
    expect(wavDurationMs(new Uint8Array([1, 2, 3]))).toBeNull();
    expect(wavDurationMs(Buffer.from('RIFF\0\0\0\0WAVEdata\0\0\0\0'))).toBeNull();
  });
});

describe('byteRangeOf', () => {
  it.each([
    [undefined, { kind: 'none' }],
    ['bytes=0-9', { kind: 'range', start: 0, end: 9 }],
    ['bytes=90-', { kind: 'range', start: 90, end: 99 }],
    ['bytes=95-500', { kind: 'range', start: 95, end: 99 }],
    ['bytes=-10', { kind: 'range', start: 90, end: 99 }],
    ['bytes=-500', { kind: 'range', start: 0, end: 99 }],
    ['bytes=100-', { kind: 'unsatisfiable' }],
    ['bytes=20-10', { kind: 'unsatisfiable' }],
    ['bytes=-0', { kind: 'unsatisfiable' }],
    ['bytes=0-1,5-6', { kind: 'none' }],
    ['items=0-1', { kind: 'none' }],
  ])('%s of 100 bytes', (header, expected) => {
    expect(byteRangeOf(header, 100)).toEqual(expected);
  });
});

describe('signed recording URLs', () => {
  const now = new Date('2025-03-14T03:00:00Z');
  const s = signRecordingUrl('secret-0123456789abcdef', '42', now, 60, 'inline');
  it('verify until they expire, for that id and disposition only', () => {
    expect(verifyRecordingUrl('secret-0123456789abcdef', '42', s.exp, 'inline', s.sig, now)).toBe('ok');
    expect(
      verifyRecordingUrl('secret-0123456789abcdef', '42', s.exp, 'inline', s.sig, new Date(now.getTime() + 61_000)),
    ).toBe('expired');
    expect(verifyRecordingUrl('secret-0123456789abcdef', '43', s.exp, 'inline', s.sig, now)).toBe('invalid');
    expect(verifyRecordingUrl('secret-0123456789abcdef', '42', s.exp + 1, 'inline', s.sig, now)).toBe('invalid');
    expect(verifyRecordingUrl('secret-0123456789abcdef', '42', s.exp, 'attachment', s.sig, now)).toBe('invalid');
    expect(verifyRecordingUrl('another-secret-0123456', '42', s.exp, 'inline', s.sig, now)).toBe('invalid');
    expect(verifyRecordingUrl('secret-0123456789abcdef', '42', s.exp, 'inline', 'short', now)).toBe('invalid');
  });
});

describe('recording names and review totals', () => {
  it('takes the call id only from telephony’s names', () => {
    expect(callIdOfRecording('cc/2025-03-14/abc-1')).toBe('abc-1');
    expect(callIdOfRecording('cc/2025-03-14/abc-1~2')).toBe('abc-1'); // a transferred call's second conversation
    expect(callIdOfRecording('cc/2025-03-14/../../etc/passwd')).toBeNull();
    expect(callIdOfRecording('other/abc')).toBeNull();
  });
  it('keeps well-formed paused spans only', () => {
    expect(pausedSpansOf([{ fromMs: 1, toMs: 5 }, { fromMs: 9, toMs: 2 }, 'x', null])).toEqual([
      { fromMs: 1, toMs: 5 },
    ]);
    expect(pausedSpansOf(undefined)).toEqual([]);
  });
  it('totals scores over maxima and names the bad field', () => {
    const c = [
      { id: '1', maxScore: 5 },
      { id: '2', maxScore: 10 },
    ];
    expect(reviewTotal(c, { '1': 5, '2': 5 })).toBe(66.7);
    expect(() => reviewTotal(c, { '1': 6, '2': 5 })).toThrow('scores.1');
    expect(() => reviewTotal(c, { '1': 5 })).toThrow('scores.2');
    expect(() => reviewTotal(c, { '1': 5, '2': 5, '3': 1 })).toThrow('scores.3');
    expect(() => reviewTotal([], {})).toThrow();
  });
});
