import type { CategoryCode } from '@cc1357/contracts';

/**
 * Summary templates per category: the questions a counselor works through for that field, so
 * a write-up starts structured and nobody forgets to note the deadline or the documents.
 * They are record content (kept in Korean like the records themselves), not UI labels.
 */
export const SUMMARY_TEMPLATES: Record<CategoryCode, string> = {
  finance: '[문의] 정책자금 종류: \n[자격] 업력·매출·신용: \n[안내] 신청 기간·필요 서류: \n[다음] ',
  tech: '[문의] 기술개발 과제·인증: \n[자격] 연구소·전담부서 여부: \n[안내] 공고·접수 일정: \n[다음] ',
  workforce: '[문의] 채용·교육·고용지원금: \n[자격] 상시 근로자 수: \n[안내] 신청 방법: \n[다음] ',
  export: '[문의] 수출 바우처·FTA·전시회: \n[대상국] \n[안내] 신청 기간·협력기관: \n[다음] ',
  domestic: '[문의] 판로·공공구매: \n[제품] \n[안내] 등록 절차: \n[다음] ',
  startup: '[문의] 창업 지원사업: \n[자격] 예비/초기/도약 (업력): \n[안내] 모집 일정·서류: \n[다음] ',
  management: '[문의] 경영 컨설팅·세무·법률: \n[상황] \n[안내] 연계 기관: \n[다음] ',
  other: '[문의] \n[안내] \n[다음] ',
};

/** The summary with the category's template added: at the end, on its own line. */
export function insertTemplate(summary: string, category: CategoryCode): string {
  const template = SUMMARY_TEMPLATES[category];
  if (summary.includes(template)) return summary; // pressed twice: once is enough
  if (summary.trim() === '') return template;
  return `${summary.replace(/\s+$/, '')}\n${template}`;
}
