import { type ConsultationDetail } from '@cc1357/contracts';
import { describe, expect, it } from 'vitest';
import { patchOf, revisionLines } from './edit';

const detail = (over: Partial<ConsultationDetail> = {}): ConsultationDetail => ({
  id: '5',
  companyId: '1',
  callId: 'c',
  callerNumber: '01012345678',
  counselorId: '7',
  counselorName: '이상담',
  category: 'finance',
  subCategory: null,
  summary: '정책자금 문의',
  outcome: 'followUp',
  followUp: '서류 안내 회신',
  createdAt: '2026-03-03T00:00:00Z',
  revision: 2,
  updatedAt: null,
  updatedByName: null,
  recordingName: null,
  relayId: null,
  followUpClosedAt: null,
  ...over,
});

describe('consultation edit', () => {
  it('nothing changed → no PATCH', () => {
    expect(
      patchOf(detail(), {
        category: 'finance',
        subCategory: ' ',
        summary: '정책자금 문의 ',
        outcome: 'followUp',
        followUp: '서류 안내 회신',
        followUpClosed: false,
      }),
    ).toBeNull();
  });
  it('only the changed fields, with the revision read', () => {
    expect(
      patchOf(detail(), {
        category: 'tech',
        subCategory: 'R&D 과제',
        summary: '정책자금 문의',
        outcome: 'followUp',
        followUp: '',
        followUpClosed: true,
      }),
    ).toEqual({
      expectedRevision: 2,
      category: 'tech',
      subCategory: 'R&D 과제',
      followUp: null,
      followUpClosed: true,
    });
  });
  it('revision lines newest first with the value each field had', () => {
    const lines = revisionLines([
      {
        revision: 1,
        snapshot: { summary: '처음', outcome: 'info' },
        changedFields: ['summary'],
        changedBy: '7',
        changedByName: '이상담',
        changedAt: '2026-03-03T00:00:00Z',
      },
      {
        revision: 2,
        snapshot: { summary: '둘째', subCategory: null },
        changedFields: ['subCategory'],
        changedBy: '8',
        changedByName: '관리자',
        changedAt: '2026-03-03T01:00:00Z',
      },
    ]);
    expect(lines.map((l) => l.revision)).toEqual([2, 1]);
    expect(lines[0]!.changes).toEqual([{ field: 'subCategory', value: '' }]);
    expect(lines[1]!.changes).toEqual([{ field: 'summary', value: '처음' }]);
  });
});
